#!/usr/bin/env python3
"""NEU-DET rewritten in Severstal's layout, to check that CSV run-length labels train as well as
the folders do (docs/reliability.md, "Labels that are not folders"):
  train_images/<all 1,800 images>, test_images/ (empty), and train.csv
  (ImageId,ClassId,EncodedPixels) with ClassId 1-5 for inclusion, patches, pitted_surface,
  rolled-in_scale and scratches, their VOC boxes as run-length rectangles (1-based, top to
  bottom then left to right, as Kaggle encodes), and crazing unlisted (so: "good").
Usage: bench/make_severstal_layout.py [NEU-DET folder] [output folder]
Standard library only; the NEU files are copied, never changed."""
import os
import shutil
import sys
import xml.etree.ElementTree as ET

src = sys.argv[1] if len(sys.argv) > 1 else 'data/NEU-DET'
dst = sys.argv[2] if len(sys.argv) > 2 else '/tmp/sevneu'
# ClassId of each class listed; crazing is left out, so the scan calls it "good".
CLASS_IDS = {'inclusion': '1', 'patches': '2', 'pitted_surface': '3',
             'rolled-in_scale': '4', 'scratches': '5'}


def run_lengths(annotation):
    """The VOC boxes of one annotation file as Kaggle run-length pixels."""
    tree = ET.parse(annotation)
    height = int(tree.find('size/height').text)
    width = int(tree.find('size/width').text)
    covered = [[False] * height for _ in range(width)]  # column by column
    for obj in tree.findall('object'):
        box = obj.find('bndbox')
        x0, y0, x1, y1 = (int(float(box.find(k).text)) for k in ('xmin', 'ymin', 'xmax', 'ymax'))
        for x in range(max(0, x0 - 1), min(width, x1)):  # VOC pixels are 1-based
            for y in range(max(0, y0 - 1), min(height, y1)):
                covered[x][y] = True
    flat = [v for column in covered for v in column]
    runs, i = [], 0
    while i < len(flat):
        if not flat[i]:
            i += 1
            continue
        j = i
        while j < len(flat) and flat[j]:
            j += 1
        runs.append(f'{i + 1} {j - i}')
        i = j
    return ' '.join(runs)


def main():
    os.makedirs(os.path.join(dst, 'train_images'), exist_ok=True)
    os.makedirs(os.path.join(dst, 'test_images'), exist_ok=True)
    rows, images = ['ImageId,ClassId,EncodedPixels'], 0
    for split in ('train', 'validation'):
        for cls in sorted(os.listdir(f'{src}/{split}/images')):
            for name in sorted(os.listdir(f'{src}/{split}/images/{cls}')):
                shutil.copy(f'{src}/{split}/images/{cls}/{name}', f'{dst}/train_images/{name}')
                images += 1
                if cls in CLASS_IDS:
                    stem = os.path.splitext(name)[0]
                    pixels = run_lengths(f'{src}/{split}/annotations/{stem}.xml')
                    rows.append(f'{name},{CLASS_IDS[cls]},{pixels}')
    with open(os.path.join(dst, 'train.csv'), 'w') as out:
        out.write('\n'.join(rows) + '\n')
    print(f'{images} images in {dst}/train_images, {len(rows) - 1} rows in {dst}/train.csv')


main()
