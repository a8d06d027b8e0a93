#!/usr/bin/env python3
"""NEU-DET as image lists leave it, to check that lists label it as its folders do
(docs/reliability.md, "Label lists that are not comma CSV files"):
  OUT/paddle/images/x.jpg + train_list.txt, val_list.txt   ("images/x.jpg 3": PaddleClas and
      Caffe's image lists, class numbers in sorted class-name order, NEU-DET's own split)
  OUT/elpv/images/x.jpg + labels.csv   ("images/x.jpg  <class>  <surface>": ELPV's header-less
      space-separated list, a third column the scan must ignore)
  OUT/tsv/images/x.jpg + labels.tsv   ("filename<TAB>label" with a header)
  OUT/semicolon/images/x.jpg + labels.csv   ("image;class;score" as a European spreadsheet
      exports it, decimal commas in the score)
Usage: bench/make_list_layouts.py [NEU-DET folder] [OUT]
Standard library only; the NEU files are linked, never changed."""
import os
import sys

src = sys.argv[1] if len(sys.argv) > 1 else 'data/NEU-DET'
out = sys.argv[2] if len(sys.argv) > 2 else '/tmp/neulists'


def main():
    rows = []  # (split, class, file name, absolute path)
    for split in ('train', 'validation'):
        for cls in sorted(os.listdir(f'{src}/{split}/images')):
            for name in sorted(os.listdir(f'{src}/{split}/images/{cls}')):
                rows.append((split, cls, name,
                             os.path.abspath(f'{src}/{split}/images/{cls}/{name}')))
    classes = sorted({r[1] for r in rows})
    for layout in ('paddle', 'elpv', 'tsv', 'semicolon'):
        os.makedirs(f'{out}/{layout}/images', exist_ok=True)
        for _, _, name, path in rows:
            link = f'{out}/{layout}/images/{name}'
            if not os.path.lexists(link):
                os.symlink(path, link)
    for split, listed in (('train', 'train_list.txt'), ('validation', 'val_list.txt')):
        with open(f'{out}/paddle/{listed}', 'w') as f:
            for s, cls, name, _ in rows:
                if s == split:
                    f.write(f'images/{name} {classes.index(cls)}\n')
    with open(f'{out}/elpv/labels.csv', 'w') as f:
        for i, (_, cls, name, _) in enumerate(rows):
            f.write(f'images/{name}  {cls}  {"mono" if i % 2 else "poly"}\n')
    with open(f'{out}/tsv/labels.tsv', 'w') as f:
        f.write('filename\tlabel\n')
        for _, cls, name, _ in rows:
            f.write(f'{name}\t{cls}\n')
    with open(f'{out}/semicolon/labels.csv', 'w') as f:
        f.write('image;class;score\n')
        for i, (_, cls, name, _) in enumerate(rows):
            f.write(f'{name};{cls};0,{i % 10}\n')
    print(f'{len(rows)} images in four list layouts under {out}')


if __name__ == '__main__':
    main()
