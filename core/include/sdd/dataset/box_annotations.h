#pragma once
/// Defect boxes as datasets ship them: Pascal VOC XML files (NEU-DET's `annotations/`), COCO
/// detection JSON files, the JSON files of LabelMe / X-AnyLabeling and Label Studio, and YOLO
/// label files (Ultralytics' and Roboflow's exports:
/// `labels/<stem>.txt` beside `images/`, one "class cx cy w h" line per box in fractions of the
/// image, the class names in a data.yaml or classes.txt). Dataset::scan attaches them to images;
/// nothing here writes. Thread-safety: plain functions.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace sdd {

/// A point of a region's outline, in source-image pixels (fractions as the tool wrote them).
struct OutlinePoint {
  float x = 0, y = 0;
};

/// A defect region, in source-image pixels.
struct BoundingBox {
  std::string name;
  int xmin = 0, ymin = 0, xmax = 0, ymax = 0;
  /// The region's own shape when the annotation drew one (a polygon; the contours of a bitmap
  /// or run-length mask, its holes' included): the defect is what these polygons enclose,
  /// filled odd-even (a polygon inside another is a hole), inside the box. Empty: the rectangle is
  /// the region (VOC, COCO's bbox, YOLO's boxes).
  std::vector<std::vector<OutlinePoint>> outline = {};
};

/// The most points one box's outline keeps (the rest of a long contour is simplified away):
/// a journal row or an export stays small however detailed a mask was.
inline constexpr std::size_t kMaxOutlinePoints = 4096;

/// The text of an annotation file (VOC, COCO, YOLO, CSV), its first `maxBytes` bytes when it is
/// longer; false when it cannot be opened or, read whole, is larger than kMaxFileBytes
/// (image_loader.h: then `tooLarge` says so).
bool readAnnotationText(const std::filesystem::path& file, std::string& text,
                        std::size_t maxBytes = std::string::npos, std::string* tooLarge = nullptr);

/// Parses a Pascal VOC annotation file. Returns no boxes (and sets `error`) when the file
/// cannot be read or parsed. `statedSize` (optional) gets the image's width and height as its
/// <size> states them ({0, 0} when it does not).
std::vector<BoundingBox> readVocBoxes(const std::filesystem::path& xmlFile, std::string* error,
                                      std::pair<int, int>* statedSize = nullptr);
/// The same for annotation text already in memory.
std::vector<BoundingBox> parseVocBoxes(const std::string& xml, std::string* error,
                                       std::pair<int, int>* statedSize = nullptr);

/// Boxes (and outlines) drawn on a photo's stored pixels, `width` x `height`, moved onto the
/// picture its EXIF `orientation` (DecodedImage::orientation, 1 to 8) turns or mirrors them
/// into, as the image is decoded and shown. LabelImg draws on the stored pixels.
void turnBoxes(std::vector<BoundingBox>& boxes, int orientation, int width, int height);

/// A YOLO dataset's class names, in id order, and the file they came from: data.yaml,
/// dataset.yaml or data.yml in `root` (its `names:` as a [list], "- name" lines or "0: name"
/// lines), else classes.txt or obj.names (one per line). Empty when there is none or it names
/// no class.
struct YoloNames {
  std::vector<std::string> names;
  std::filesystem::path file;
};
YoloNames findYoloNames(const std::filesystem::path& root);
/// The names of a data.yaml text (`yaml`) or of a one-name-per-line list.
std::vector<std::string> parseYoloNames(const std::string& text, bool yaml);

/// The label file YOLO pairs with an image: the last "images" folder of its path replaced by
/// "labels", the extension by ".txt" (Ultralytics' rule); without an "images" folder, the
/// image's own path with ".txt" (Darknet's rule, CVAT's YOLO 1.1 export: obj_train_data/x.jpg
/// beside x.txt).
std::filesystem::path yoloLabelFile(const std::filesystem::path& image);

/// The boxes of a YOLO label text in pixels of a width x height image (fractions outside
/// [0, 1] are clipped to the image). An empty text is an image without defects. Returns no
/// boxes and sets `error` (naming the line) for a malformed line or a class id that is not
/// one of `names`.
std::vector<BoundingBox> parseYoloBoxes(const std::string& text, int width, int height,
                                        const std::vector<std::string>& names, std::string* error);
std::vector<BoundingBox> readYoloBoxes(const std::filesystem::path& labelFile, int width,
                                       int height, const std::vector<std::string>& names,
                                       std::string* error);

/// One image an annotation file lists (COCO, LabelMe, Label Studio, CVAT): its file name as the
/// file writes it (often relative to the file's folder or the dataset root, or a bare name), its
/// boxes, and the class a labeling tool gave the whole image, if any.
struct ListedImage {
  std::string fileName;
  std::vector<BoundingBox> boxes;  ///< empty: listed without annotations (no defect)
  std::string className;  ///< a LabelMe flag set, a Label Studio choice, a CVAT tag; "" none
  bool embedded = false;  ///< a LabelMe file also holds the image itself ("imageData")
};
/// Parses a COCO detection file (CVAT's annotations/instances_default.json, Roboflow's
/// <split>/_annotations.coco.json, `sdd export --coco`): each annotation's bbox [x, y, width,
/// height] in pixels becomes xmin = x, xmax = x + width (as the export writes it), its name the
/// category's. Returns no images and sets `error` for text that is not one (no "images" or
/// "annotations" array, an annotation of an unlisted image or category, a bad bbox).
std::vector<ListedImage> parseCocoBoxes(const std::string& json, std::string* error);

/// The annotation files of the labeling tools users have that list images (one or many).
enum class AnnotationListFormat {
  Coco,         ///< COCO detection (above)
  LabelMe,      ///< LabelMe / X-AnyLabeling: x.json per image ("imagePath", "shapes", "flags")
  LabelStudio,  ///< Label Studio's JSON export (tasks with results) and its JSON-MIN export
  Cvat,         ///< CVAT for images 1.1: annotations.xml, <image> with <box>, <polygon>, <tag>
  CreateMl,     ///< Apple's CreateML JSON (Roboflow's export): [{"image", "annotations"}]
  Supervisely,  ///< Supervisely: ann/x.jpg.json per image ("size", "objects", "tags")
  Datumaro,     ///< Datumaro (CVAT's own export): annotations/<subset>.json, "items"
  BoxRecords    ///< one box per record: [{"name", "defect_name" or "category", "bbox"}]
};
const char* toString(AnnotationListFormat format);
/// Parses any of them, telling which it was in `format`. LabelMe: each shape's points
/// (rectangle, polygon, circle: centre and a point on it, ...) give a box named by its label;
/// the one flag set true, the image's class. Label Studio: rectanglelabels and polygonlabels
/// results (in percent of original_width / original_height) give boxes, a choices result
/// the image's class; an image path of an upload ("/data/upload/1/3f2a1b9c-x.jpg") or of
/// local storage ("/data/local-files/?d=images/x.jpg") is written as the file's name. CreateML:
/// each annotation's "coordinates" (x, y the box's centre, width, height, in pixels) named by its
/// "label". Supervisely: each object's exterior points (rectangle, polygon, line) give a box
/// named by its "classTitle" (a bitmap object's extent is not read), an image tag that is no
/// split word the image's class; its project file (meta.json) lists no image. Datumaro: each
/// item's bbox [x, y, width, height] and polygon / polyline / points (the box around them)
/// named by the category's label, a "label" annotation as the image's class. Box records (the
/// Tianchi industrial defect competitions' anno_train.json): one record per box, its image's
/// file under "name" (or "file_name", "filename"), its class under "defect_name" (or
/// "category_name", "category" — a number is its own name —, "label", "class"), its box as
/// "bbox": [xmin, ymin, xmax, ymax] in pixels; records of one image are that image's boxes, a
/// record without "bbox" lists its image without boxes. Returns no
/// images and sets `error` when the text is none of them or is malformed.
std::vector<ListedImage> parseAnnotationJson(const std::string& json, std::string* error,
                                             AnnotationListFormat* format = nullptr);
/// True when XML text is CVAT's (its root <annotations>, not Pascal VOC's <annotation>); the
/// start of the file is enough to tell, as the root comes first.
bool isCvatXml(const std::string& xml);
/// Parses a CVAT for images 1.1 file: each <image name=...>'s <box> (xtl, ytl, xbr, ybr),
/// <polygon> / <polyline> / <points> (the box around them), <ellipse> and <mask> (their
/// extent) named by their label, and its first <tag> as the image's class. CVAT for video 1.1:
/// each <track>'s shapes on the frames where it is not "outside", named by the track's label,
/// frame N listed as the image "frame_N" (six digits, as CVAT exports a video's frames), every
/// frame of the task's <size> listed. Returns no images and sets `error` for text that is not
/// one or is malformed.
std::vector<ListedImage> parseCvatXml(const std::string& xml, std::string* error);
/// Reads an annotation file that lists images: CVAT XML for a .xml file, else the JSON formats.
std::vector<ListedImage> readAnnotationList(const std::filesystem::path& file, std::string* error,
                                            AnnotationListFormat* format = nullptr);

/// The class of an image from its boxes, for datasets that give classes only by box: the
/// class whose boxes cover the most area (ties: the first such box). Empty without boxes.
std::string dominantBoxClass(const std::vector<BoundingBox>& boxes);

}  // namespace sdd
