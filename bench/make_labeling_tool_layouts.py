#!/usr/bin/env python3
"""NEU-DET as three labeling tools leave it, to check that their files label it as VOC does
(docs/reliability.md, "Labels that are not folders"):
  OUT/labelme/images/x.jpg + x.json   (LabelMe's format, which X-AnyLabeling saves: rectangles)
  OUT/labelstudio/x.jpg + project-7-at-....json   (Label Studio's JSON export: one task per
      image, its upload path "/data/upload/7/<8 hex digits>-x.jpg", rectangles in percent)
  OUT/cvat/images/x.jpg + OUT/cvat/annotations.xml   (CVAT for images 1.1: <image> + <box>)
  OUT/createml/train|valid/x.jpg + _annotations.createml.json   (Roboflow's CreateML export:
      one list per split folder, box centres and sizes in pixels)
  OUT/supervisely/meta.json + ds0|ds1/img/x.jpg + ds0|ds1/ann/x.jpg.json   (a Supervisely
      project: one dataset folder per split, which Supervisely does not mark; every other
      object a rectangle, the others bitmaps of the box's pixels, as Supervisely writes masks)
  OUT/datumaro/images/train|val/x.jpg + annotations/train|val.json   (CVAT's Datumaro export;
      every other box that lies inside the image a mask of its pixels in COCO's compressed
      run-length text, as Datumaro writes masks)
Usage: bench/make_labeling_tool_layouts.py [NEU-DET folder] [OUT]
Standard library only; the NEU files are copied, never changed."""
import base64
import json
import os
import shutil
import struct
import sys
import zlib
import xml.etree.ElementTree as ET
from xml.sax.saxutils import quoteattr

src = sys.argv[1] if len(sys.argv) > 1 else 'data/NEU-DET'
out = sys.argv[2] if len(sys.argv) > 2 else '/tmp/neutools'


def supervisely_bitmap(x0, y0, x1, y1):
    """A bitmap object's data as Supervisely writes it: base64 of a zlib-compressed PNG of the
    object's pixels (here all of the box, x0..x1 by y0..y1), placed at origin [x0, y0]."""
    w, h = int(x1 - x0) + 1, int(y1 - y0) + 1

    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data +
                struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))
    rows = b''.join(b'\0' + b'\xff' * w for _ in range(h))  # filter 0, 8-bit grey
    png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0)) +
           chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
    return {'data': base64.b64encode(zlib.compress(png)).decode(), 'origin': [int(x0), int(y0)]}


def coco_rle_text(counts):
    """COCO's compressed run-length text (pycocotools' rleToString)."""
    out = ''
    for i, x in enumerate(counts):
        if i > 2:
            x -= counts[i - 2]
        more = True
        while more:
            c = x & 0x1f
            x >>= 5
            more = x != -1 if c & 0x10 else x != 0
            out += chr((c | 0x20 if more else c) + 48)
    return out


def datumaro_mask(x0, y0, x1, y1, width, height):
    """The box x0..x1 by y0..y1 (pixels, inclusive) as a Datumaro mask: runs down each column."""
    x0, y0, x1, y1 = int(x0), int(y0), int(x1), int(y1)
    on = y1 - y0 + 1
    counts = [x0 * height + y0]
    for col in range(x0, x1 + 1):
        counts += [on, height - on] if col < x1 else [on]
    counts.append(width * height - sum(counts))
    return {'counts': coco_rle_text(counts), 'size': [height, width]}


def main():
    names = sorted(os.listdir(f'{src}/train/images'))
    labelme, studio = os.path.join(out, 'labelme', 'images'), os.path.join(out, 'labelstudio')
    cvat = os.path.join(out, 'cvat', 'images')
    createml = {'train': os.path.join(out, 'createml', 'train'),
                'validation': os.path.join(out, 'createml', 'valid')}
    supervisely = {'train': os.path.join(out, 'supervisely', 'ds0'),
                   'validation': os.path.join(out, 'supervisely', 'ds1')}
    datumaro = {'train': 'train', 'validation': 'val'}
    datumaro_items = {'train': [], 'validation': []}
    os.makedirs(os.path.join(out, 'datumaro', 'annotations'), exist_ok=True)
    for d in (labelme, studio, cvat, *createml.values(),
              *(os.path.join(out, 'datumaro', 'images', v) for v in datumaro.values()),
              *(os.path.join(v, k) for v in supervisely.values() for k in ('img', 'ann'))):
        os.makedirs(d, exist_ok=True)
    tasks, cvat_images, createml_lists = [], [], {'train': [], 'validation': []}
    for split in ('train', 'validation'):
        for cls in sorted(os.listdir(f'{src}/{split}/images')):
            for name in sorted(os.listdir(f'{src}/{split}/images/{cls}')):
                stem = os.path.splitext(name)[0]
                tree = ET.parse(f'{src}/{split}/annotations/{stem}.xml')
                width = int(tree.find('size/width').text)
                height = int(tree.find('size/height').text)
                shapes, results, boxes, coordinates, objects, bboxes = [], [], [], [], [], []
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
                    boxes.append(f'    <box label={quoteattr(label)} xtl="{x0}" ytl="{y0}" '
                                 f'xbr="{x1}" ybr="{y1}"/>')
                    bboxes.append({'id': len(bboxes), 'type': 'mask', 'label_id': names.index(label),
                                   'rle': datumaro_mask(x0, y0, x1, y1, width, height)}
                                  if len(bboxes) % 2 and x1 < width and y1 < height else
                                  {'id': len(bboxes), 'type': 'bbox', 'label_id': names.index(label),
                                   'bbox': [x0, y0, x1 - x0, y1 - y0]})
                    objects.append({'classTitle': label, 'geometryType': 'rectangle',
                                    'points': {'exterior': [[x0, y0], [x1, y1]], 'interior': []}}
                                   if len(objects) % 2 == 0 else
                                   {'classTitle': label, 'geometryType': 'bitmap',
                                    'bitmap': supervisely_bitmap(x0, y0, x1, y1)})
                    coordinates.append({'label': label, 'coordinates': {
                        'x': (x0 + x1) / 2, 'y': (y0 + y1) / 2,
                        'width': x1 - x0, 'height': y1 - y0}})
                image = f'{src}/{split}/images/{cls}/{name}'
                shutil.copy(image, os.path.join(labelme, name))
                with open(os.path.join(labelme, stem + '.json'), 'w') as f:
                    json.dump({'version': '2.4.4', 'flags': {}, 'shapes': shapes,
                               'imagePath': name, 'imageData': None,
                               'imageHeight': height, 'imageWidth': width}, f)
                shutil.copy(image, os.path.join(studio, name))
                shutil.copy(image, os.path.join(cvat, name))
                shutil.copy(image, os.path.join(createml[split], name))
                createml_lists[split].append({'image': name, 'annotations': coordinates})
                shutil.copy(image, os.path.join(out, 'datumaro', 'images', datumaro[split], name))
                datumaro_items[split].append({'id': stem, 'annotations': bboxes,
                                              'image': {'path': name, 'size': [height, width]}})
                shutil.copy(image, os.path.join(supervisely[split], 'img', name))
                with open(os.path.join(supervisely[split], 'ann', name + '.json'), 'w') as f:
                    json.dump({'description': '', 'tags': [], 'objects': objects,
                               'size': {'height': height, 'width': width}}, f)
                cvat_images.append(f'  <image id="{len(cvat_images)}" name={quoteattr(name)} '
                                   f'width="{width}" height="{height}">\n' + '\n'.join(boxes) +
                                   '\n  </image>')
                tasks.append({'id': len(tasks) + 1,
                              'data': {'image': f'/data/upload/7/{len(tasks):08x}-{name}'},
                              'annotations': [{'result': results, 'was_cancelled': False}]})
    with open(os.path.join(studio, 'project-7-at-2026-12-06-21-50.json'), 'w') as f:
        json.dump(tasks, f)
    with open(os.path.join(out, 'cvat', 'annotations.xml'), 'w') as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n  <version>1.1</version>\n' +
                '\n'.join(cvat_images) + '\n</annotations>\n')
    for split, folder in createml.items():
        with open(os.path.join(folder, '_annotations.createml.json'), 'w') as f:
            json.dump(createml_lists[split], f)
    for split, subset in datumaro.items():
        with open(os.path.join(out, 'datumaro', 'annotations', subset + '.json'), 'w') as f:
            json.dump({'info': {}, 'categories': {'label': {'labels': [
                {'name': n, 'parent': '', 'attributes': []} for n in names]}},
                'items': datumaro_items[split]}, f)
    with open(os.path.join(out, 'supervisely', 'meta.json'), 'w') as f:
        json.dump({'classes': [{'title': c, 'shape': 'rectangle'} for c in
                               sorted(os.listdir(f'{src}/train/images'))], 'tags': [],
                   'projectType': 'images'}, f)
    print(f'{len(tasks)} images in each of {out}/labelme, {out}/labelstudio, {out}/cvat, '
          f'{out}/createml, {out}/supervisely and {out}/datumaro')


main()
