#pragma once
/// The JSON files of the labeling tools beside us, read for parseAnnotationJson
/// (sdd/dataset/box_annotations.h): LabelMe's, which X-AnyLabeling saves (x.json per image), and
/// Label Studio's exports (JSON, JSON-MIN), Apple's CreateML JSON, Supervisely's and Datumaro's.
/// Private to the core. Thread-safety: free functions.

#include <nlohmann/json.hpp>
#include <vector>

#include "sdd/dataset/box_annotations.h"

namespace sdd {

/// One LabelMe file's image: its shapes' boxes and the flag set true as its class. Throws
/// nlohmann::json's exceptions (a field missing or of the wrong type) and std::out_of_range
/// (points beyond a million pixels).
ListedImage parseLabelMe(const nlohmann::json& file);
/// A Label Studio export's images (the first annotation of each task that was not
/// cancelled). Throws as parseLabelMe does, and for a task without an image.
std::vector<ListedImage> parseLabelStudio(const nlohmann::json& tasks);
/// Apple's CreateML object-detection file (Roboflow's "CreateML" export,
/// <split>/_annotations.createml.json): [{"image": "x.jpg", "annotations": [{"label": "pits",
/// "coordinates": {"x", "y", "width", "height"}}]}], x and y the box's centre in pixels. Throws
/// as parseLabelMe does.
std::vector<ListedImage> parseCreateMl(const nlohmann::json& images);
/// Box records (the Tianchi competitions' anno_train.json): [{"name": "x.jpg", "defect_name":
/// "hole", "bbox": [xmin, ymin, xmax, ymax]}, …], one record per box, grouped by image in the
/// order first listed. Throws as parseLabelMe does.
std::vector<ListedImage> parseBoxRecords(const nlohmann::json& records);
/// One Supervisely annotation file's image (ann/x.jpg.json, named after its file). Throws as
/// parseLabelMe does.
ListedImage parseSupervisely(const nlohmann::json& file);
/// A Datumaro annotation file's items (CVAT's own export format: annotations/default.json
/// beside images/default/). Throws as parseLabelMe does.
std::vector<ListedImage> parseDatumaro(const nlohmann::json& file);

/// An outline as COCO writes a segmentation: [[x, y, x, y, …], …] (the journal keeps box
/// outlines so too).
nlohmann::json outlineToJson(const std::vector<std::vector<OutlinePoint>>& outline);
/// Reads one back (limitOutline applied); throws nlohmann::json's exceptions for another shape.
std::vector<std::vector<OutlinePoint>> outlineFromJson(const nlohmann::json& polygons);

}  // namespace sdd
