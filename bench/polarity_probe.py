#!/usr/bin/python3
"""How well can inverted NEU images be told from real ones at all? (issue 19, far-OOD gap)

Two probes, recorded in docs/performance.md ("Inverted images: how far they can be told"):

  paired  a model's ONNX export (`sdd export --model M --onnx M.onnx`): for each validation
          image x, the descriptor of x against that of its own inversion 255 - x. Class
          Gaussians per descriptor part (as core's unknown score fits them) and a Fisher
          discriminant of D(x) - D(255 - x), fitted on the training images and their inversions.
  polar   makes DIR/{train,validation}/images/{real,inverted}/ from NEU-DET, to train a network
          for nothing but polarity with `sdd train DIR`; then `sdd predict DIR/validation/images
          --model M --csv C` and `polarity_probe.py caught C` says how many inverted images it
          catches with 1 % of the real ones flagged.

Needs Debian's /usr/bin/python3 with python3-numpy, python3-opencv, python3-sklearn (not part
of the project's setup: this is a one-off probe, not a benchmark the CI runs).
  polarity_probe.py paired NEU-DET MODEL.onnx
  polarity_probe.py polar NEU-DET DIR
  polarity_probe.py caught PREDICTIONS.csv
"""
import csv
import glob
import os
import sys

import cv2
import numpy as np
from sklearn.metrics import roc_auc_score


def images(root, split):
    classes = sorted(os.listdir(f'{root}/{split}/images'))
    xs, ys = [], []
    for ci, c in enumerate(classes):
        for f in sorted(glob.glob(f'{root}/{split}/images/{c}/*')):
            xs.append(cv2.imread(f, cv2.IMREAD_GRAYSCALE))
            ys.append(ci)
    return xs, np.array(ys), len(classes)


def caught_at_one_percent(known, outliers):
    threshold = np.percentile(known, 99)
    return 100 * (np.asarray(outliers) > threshold).mean()


def auroc(known, outliers):
    return roc_auc_score(np.r_[np.zeros(len(known)), np.ones(len(outliers))], np.r_[known, outliers])


def paired(root, onnx):
    net = cv2.dnn.readNetFromONNX(onnx)
    def run(imgs):
        batch = np.stack([np.repeat(cv2.resize(g, (50, 50), interpolation=cv2.INTER_AREA)[None]
                                    .astype(np.float32) / 255, 3, 0) for g in imgs])
        net.setInput(batch)
        return net.forward(['probabilities', 'descriptor'])
    xt, yt, k = images(root, 'train')
    xv, _, _ = images(root, 'validation')
    pt, dt = run(xt)
    pti, dti = run([255 - g for g in xt])
    pv, dv = run(xv)
    pvi, dvi = run([255 - g for g in xv])
    # The default network's descriptor: input 3 x 3, then mean and deviation of 8/16/32/64 channels.
    parts = {'input': slice(0, 9), 'block 1': slice(9, 25), 'block 2': slice(25, 57),
             'block 3': slice(57, 121), 'block 4': slice(121, 249)}

    def fit(f, y, groups):
        mu = np.array([f[y == c].mean(0) for c in range(groups)])
        cov = sum((f[y == c] - mu[c]).T @ (f[y == c] - mu[c]) for c in range(groups)) / len(f)
        cov = 0.95 * cov + (0.05 + 1e-6) * np.trace(cov) / cov.shape[0] * np.eye(cov.shape[0])
        return mu, np.linalg.pinv(cov)

    def nearest(f, g):
        mu, ci = g
        return np.stack([np.einsum('ij,jk,ik->i', f - m, ci, f - m) for m in mu], 1).min(1)

    print('part (relative Mahalanobis)  AUROC alone  AUROC paired  inverted caught at 1 % known')
    for name, s in parts.items():
        g, b = fit(dt[:, s], yt, k), fit(dt[:, s], np.zeros_like(yt), 1)
        score = lambda d: nearest(d[:, s], g) - nearest(d[:, s], b)
        known, inv = score(dv), score(dvi)
        pk, pi = known - inv, inv - known  # x against its own inversion
        print(f'{name:28s} {auroc(known, inv):11.3f} {auroc(pk, pi):13.3f} '
              f'{caught_at_one_percent(pk, pi):10.1f} %')
    z = (dt - dti).astype(np.float64)
    cov = np.cov(z.T)
    cov = 0.95 * cov + 0.05 * np.trace(cov) / cov.shape[0] * np.eye(cov.shape[0])
    w = np.linalg.solve(cov, z.mean(0))
    known, inv = -((dv - dvi) @ w), -((dvi - dv) @ w)
    print(f'Fisher discriminant of D(x) - D(255 - x), fitted on training images: AUROC '
          f'{auroc(known, inv):.4f}, inverted caught at 1 % known {caught_at_one_percent(known, inv):.1f} %')


def polar(root, out):
    for split in ['train', 'validation']:
        for kind in ['real', 'inverted']:
            os.makedirs(f'{out}/{split}/images/{kind}', exist_ok=True)
        for f in sorted(glob.glob(f'{root}/{split}/images/*/*')):
            g = cv2.imread(f, cv2.IMREAD_GRAYSCALE)
            name = os.path.basename(os.path.dirname(f)) + '_' + os.path.splitext(os.path.basename(f))[0] + '.png'
            cv2.imwrite(f'{out}/{split}/images/real/{name}', g)
            cv2.imwrite(f'{out}/{split}/images/inverted/{name}', 255 - g)


def caught(predictions):
    rows = list(csv.DictReader(open(predictions)))
    inverted = np.array(['/inverted/' in r['file'] for r in rows])
    p = np.array([float(r['p_inverted']) for r in rows])
    print(f'AUROC {auroc(p[~inverted], p[inverted]):.4f}; inverted caught with 1 % of real flagged: '
          f'{caught_at_one_percent(p[~inverted], p[inverted]):.1f} %')


if __name__ == '__main__':
    if len(sys.argv) < 3 or sys.argv[1] not in ('paired', 'polar', 'caught'):
        sys.exit(__doc__)
    {'paired': lambda: paired(sys.argv[2], sys.argv[3]), 'polar': lambda: polar(sys.argv[2], sys.argv[3]),
     'caught': lambda: caught(sys.argv[2])}[sys.argv[1]]()
