#pragma once
/// Labels in a CSV file, as Kaggle-style datasets ship them: a row per image (or per defect)
/// naming the image file and its class. `image,label` and its kin (`filename,class`,
/// `id,category`, a header-less `x.jpg,scratch`), Severstal's `ImageId,ClassId,EncodedPixels`
/// (and its older `ImageId_ClassId,EncodedPixels`: the defect's pixels run-length encoded),
/// and the TensorFlow object detection CSV (`filename,width,height,class,xmin,ymin,xmax,ymax`);
/// commas, semicolons, tabs or runs of spaces between the fields (`train.txt`: "a.jpg 3").
/// Dataset::scan reads them (the class of images no folder names, boxes from pixels or box
/// columns); nothing here writes. Thread-safety: plain functions.

#include <filesystem>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sdd/dataset/box_annotations.h"
#include "sdd/dataset/dataset.h"

namespace sdd {

/// One row of a label CSV.
struct CsvLabelRow {
  std::size_t line = 0;            ///< 1-based line where the row starts
  std::string image;               ///< as written: a path, a file name, or a stem
  std::string className;           ///< "": the row names no defect (Severstal's empty pixels)
  std::string pixels;              ///< run-length encoded pixels ("start length ..."); may be ""
  std::vector<BoundingBox> boxes;  ///< from xmin, ymin, xmax, ymax columns
  std::optional<Split> split;      ///< from a split column (VisA's `split`: train / test)
};
struct CsvLabels {
  std::vector<CsvLabelRow> rows;
  bool hasPixels = false;  ///< the file has a run-length pixel column (Severstal)
  /// Non-empty when the image or class column was told by its values, not its name (a
  /// header in another language): which columns were taken, for the scan to say.
  std::string columnsGuessed;
};

/// Parses label CSV text (RFC 4180). The image column is named image, image_id, filename,
/// file, path, id, name ... (any case, "_", "-" and spaces ignored) or is the one whose values
/// end in an image extension; the class column is named label, class, class_id, category,
/// defect, target, type ... or, in a two-column file, the other one; a pixel column is named
/// EncodedPixels or rle; a split column (split, subset, set) with train / val / test values
/// gives each row's split. One-hot classes (Roboflow's `_classes.csv`: `filename, crazing,
/// pits`, every other column 0 or 1) give the class marked 1; a row marking two is left out,
/// one marking none is not decided. A header in names not known here (`Bild;Klasse`, `文件名,类别`)
/// is read by the values below it: the image column is the one of image files, the class column the
/// other one of a two-column file, else the first whose values are repeating words (not numbers);
/// `columnsGuessed` then says so. Without a header each row is `image,class`. Returns no rows and
/// sets `error` when the text has no image and class columns (then it is not a label file); a bad
/// row is left out, named in `rowErrors` ("line N: reason").
CsvLabels parseCsvLabels(const std::string& text, std::string* error,
                         std::vector<std::string>* rowErrors = nullptr);
CsvLabels readCsvLabels(const std::filesystem::path& file, std::string* error,
                        std::vector<std::string>* rowErrors = nullptr);

/// Whether text that is not named .csv starts like a label list: its first line is an image
/// file and a class, delimited as parseCsvLabels reads them (Caffe's and PaddleClas'
/// train.txt / train_list.txt: "path label"; ELPV's "images/cell0001.png  1.0  mono"). YOLO
/// label files, class lists and READMEs do not.
bool startsLikeLabelList(const std::string& text);

/// Decodes Kaggle's run-length pixels ("start length" pairs, 1-based, pixels numbered top to
/// bottom, then left to right) into a width x height mask (255 = defect). Empty, with `error`
/// set, for an odd count, a number that is not one, or a run outside the image.
cv::Mat decodeRunLengths(const std::string& pixels, int width, int height, std::string* error);

}  // namespace sdd
