#!/usr/bin/env python3
"""NEU-DET as two labeling tools leave it, to check that their files label it as VOC does
(docs/reliability.md, "Labels that are not folders"):
  OUT/labelme/images/x.jpg + x.json   (LabelMe's format, which X-AnyLabeling saves: rectangles)
  OUT/labelstudio/x.jpg + project-7-at-....json   (Label Studio's JSON export: one task per
      image, its upload path "/data/upload/7/<8 hex digits>-x.jpg", rectangles in percent)
Usage: bench/make_labeling_tool_layouts.py [NEU-DET folder] [OUT]
Standard library only; the NEU files are copied, never changed."""
import json
import os
import shutil
import sys
import xml.etree.ElementTree as ET

src = sys.argv[1] if len(sys.argv) > 1 else 'data/NEU-DET'
out = sys.argv[2] if len(sys.argv) > 2 else '/tmp/neutools'


def main():
    labelme, studio = os.path.join(out, 'labelme', 'images'), os.path.join(out, 'labelstudio')
    for d in (labelme, studio):
        os.makedirs(d, exist_ok=True)
    tasks = []
    for split in ('train', 'validation'):
        for cls in sorted(os.listdir(f'{src}/{split}/images')):
            for name in sorted(os.listdir(f'{src}/{split}/images/{cls}')):
                stem = os.path.splitext(name)[0]
                tree = ET.parse(f'{src}/{split}/annotations/{stem}.xml')
                width = int(tree.find('size/width').text)
                height = int(tree.find('size/height').text)
                shapes, results = [], []
                for obj in tree.findall('object'):
                    box = obj.find('bndbox')
                    x0, y0, x1, y1 = (float(box.find(k).text)
                                      for k in ('xmin', 'ymin', 'xmax', 'ymax'))
                    label = obj.find('name').text
                    shapes.append({'label': label, 'points': [[x0, y0], [x1, y1]],
                                   'shape_type': 'rectangle', 'flags': {}})
                    results.append({'original_width': width, 'original_height': height,
                                    'type': 'rectanglelabels',
                                    'value': {'x': x0 * 100 / width, 'y': y0 * 100 / height,
                                              'width': (x1 - x0) * 100 / width,
                                              'height': (y1 - y0) * 100 / height,
                                              'rectanglelabels': [label]}})
                image = f'{src}/{split}/images/{cls}/{name}'
                shutil.copy(image, os.path.join(labelme, name))
                with open(os.path.join(labelme, stem + '.json'), 'w') as f:
                    json.dump({'version': '2.4.4', 'flags': {}, 'shapes': shapes,
                               'imagePath': name, 'imageData': None,
                               'imageHeight': height, 'imageWidth': width}, f)
                shutil.copy(image, os.path.join(studio, name))
                tasks.append({'id': len(tasks) + 1,
                              'data': {'image': f'/data/upload/7/{len(tasks):08x}-{name}'},
                              'annotations': [{'result': results, 'was_cancelled': False}]})
    with open(os.path.join(studio, 'project-7-at-2026-12-06-21-50.json'), 'w') as f:
        json.dump(tasks, f)
    print(f'{len(tasks)} images in {out}/labelme/images and {out}/labelstudio')


main()
