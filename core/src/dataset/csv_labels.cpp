#include "sdd/dataset/csv_labels.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "dataset/folder_walk.h"
#include "sdd/dataset/file_walk.h"
#include "sdd/dataset/masks.h"
#include "sdd/imaging/image_loader.h"
#include "sdd/util/ascii.h"
#include "sdd/util/csv.h"

namespace fs = std::filesystem;

namespace sdd {
namespace {

// A header name without case, spaces, '_' and '-': "Image ID" and "image_id" are "imageid".
std::string headerKey(const std::string& name) {
  std::string out;
  for (unsigned char ch : name)
    if (std::isalnum(ch)) out += static_cast<char>(std::tolower(ch));
  return out;
}

bool isOneOf(const std::string& key, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return key == n; });
}

bool isImageColumnName(const std::string& key) {
  return isOneOf(
      key, {"image", "images", "imageid", "imagename", "imagefile", "imagepath", "img", "imgname",
            "imgid", "filename", "file", "filepath", "fname", "path", "id", "name", "picture",
            // German, French, Spanish, Italian, Portuguese
            "bild", "datei", "dateiname", "bilddatei", "fichier", "nomfichier", "imagen", "archivo",
            "nombre", "immagine", "imagem", "arquivo"});
}

bool isClassColumnName(const std::string& key) {
  return isOneOf(key, {"label", "labels", "class", "classes", "classid", "classname", "category",
                       "categoryid", "categoryname", "defect", "defecttype", "defectclass",
                       "defectname", "target", "type", "y",
                       // German, French, Spanish, Italian, Portuguese
                       "klasse", "kategorie", "fehler", "fehlerart", "fehlerklasse", "classe",
                       "categorie", "defaut", "etiquette", "clase", "categoria", "etiqueta",
                       "defecto", "difetto", "etichetta", "rotulo", "defeito"});
}

bool isSplitColumnName(const std::string& key) { return isOneOf(key, {"split", "subset", "set"}); }

bool isPixelColumnName(const std::string& key) {
  return isOneOf(key, {"encodedpixels", "rle", "rlemask", "pixels"});
}

bool endsWithImageExtension(const std::string& value) {
  return !value.empty() && isImageExtension(fs::path(value));
}

// The coordinate of a box column: an integer, or a number rounded down (some tools write
// 12.0).
bool parseCoordinate(const std::string& text, int& out) {
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used != text.size() || !(v > -1e9 && v < 1e9)) return false;
    out = static_cast<int>(v);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

// The pixels a run-length text covers (the sum of its lengths); 0 when it is malformed. A
// run longer than any image (2^40 pixels) is malformed too, which keeps the sum from
// overflowing.
long long runLengthArea(const std::string& pixels) {
  constexpr long long kMaxRun = 1LL << 40;
  std::istringstream in(pixels);
  long long start = 0, length = 0, area = 0;
  while (in >> start) {
    if (!(in >> length) || length < 0 || length > kMaxRun) return 0;
    area = std::min(area + length, kMaxRun * 1024);
  }
  return in.eof() ? area : 0;
}

// How many of the rows after the header have an image file in column `k`.
std::size_t imageFilesIn(const std::vector<CsvRecord>& records, std::size_t k) {
  std::size_t n = 0;
  for (std::size_t r = 1; r < records.size(); ++r)
    n += k < records[r].fields.size() && endsWithImageExtension(records[r].fields[k]);
  return n;
}

// The column whose values are image files (at least half of the rows after the header), or
// -1.
int imageColumnByContent(const std::vector<CsvRecord>& records, int notThis) {
  if (records.size() < 2) return -1;
  for (std::size_t k = 0; k < records[0].fields.size(); ++k)
    if (static_cast<int>(k) != notThis && imageFilesIn(records, k) * 2 >= records.size() - 1)
      return static_cast<int>(k);
  return -1;
}

bool isNumber(const std::string& text) {
  std::string t = text;
  std::replace(t.begin(), t.end(), ',', '.');  // decimal commas
  char* end = nullptr;
  std::strtod(t.c_str(), &end);
  return !t.empty() && end == t.c_str() + t.size();
}

// Header names that are not a class even when their values look like one: sizes, splits,
// dates, and a model's output (our own `sdd predict` CSV: predicted_class, decision), which
// must never come back as labels.
bool isOtherColumnName(const std::string& key) {
  for (const char* part : {"pred", "decision", "score", "prob", "confidence", "suggest"})
    if (key.find(part) != std::string::npos) return true;
  return isSplitColumnName(key) ||
         isOneOf(key, {"width",    "height", "w",    "h",     "x",         "size",   "depth",
                       "channels", "fold",   "date", "time",  "timestamp", "url",    "md5",
                       "sha1",     "sha256", "hash", "error", "note",      "comment"});
}

// Roboflow's one-hot classes (`filename, crazing, pits`, a 1 in the image's class): the
// columns besides the image's whose values are all 0 or 1, when there are two or more and
// some row has a 1; none otherwise.
std::vector<std::size_t> oneHotColumns(const std::vector<CsvRecord>& records,
                                       std::size_t imageCol) {
  std::vector<std::size_t> out;
  bool anyOne = false;
  for (std::size_t k = 0; k < records[0].fields.size(); ++k) {
    if (k == imageCol) continue;
    bool binary = true;
    for (std::size_t r = 1; r < records.size() && binary; ++r) {
      const std::string v = k < records[r].fields.size() ? asciiTrim(records[r].fields[k]) : "";
      binary = v == "0" || v == "1";
      anyOne = anyOne || v == "1";
    }
    if (!binary) return {};  // another column (a size, a score): not a one-hot file
    out.push_back(k);
  }
  return out.size() >= 2 && anyOne ? out : std::vector<std::size_t>();
}

// A class column under a name this reader does not know (Klasse, 类别, classe): the first
// column, besides the image's, whose values are words that repeat, as classes do (at most
// half as many distinct values as rows, or two). Numbers are not taken there: widths,
// scores and counts are numbers too. -1 when none is.
int classColumnByContent(const std::vector<CsvRecord>& records, int imageCol, const int* boxCol) {
  const std::size_t rows = records.size() - 1;
  for (std::size_t k = 0; k < records[0].fields.size(); ++k) {
    const int col = static_cast<int>(k);
    if (col == imageCol || std::find(boxCol, boxCol + 4, col) != boxCol + 4 ||
        isOtherColumnName(headerKey(records[0].fields[k])))
      continue;
    std::set<std::string> values;
    std::size_t words = 0;
    for (std::size_t r = 1; r < records.size(); ++r) {
      if (k >= records[r].fields.size()) continue;
      const std::string v = asciiTrim(records[r].fields[k]);
      if (v.empty()) continue;
      values.insert(v);
      words += !isNumber(v) && !endsWithImageExtension(v);
    }
    if (rows > 0 && words * 10 >= rows * 9 && values.size() <= std::max<std::size_t>(2, rows / 2))
      return col;
  }
  return -1;
}

}  // namespace

bool startsLikeLabelList(const std::string& text) {
  std::string head = text;
  if (head.compare(0, 3, "\xEF\xBB\xBF") == 0) head.erase(0, 3);
  const std::size_t start = head.find_first_not_of("\r\n");
  if (start == std::string::npos) return false;
  head = head.substr(start, head.find('\n', start) - start);
  const std::vector<CsvRecord> first = parseCsv(head, guessCsvDelimiter(head));
  return !first.empty() && first[0].error.empty() && first[0].fields.size() >= 2 &&
         endsWithImageExtension(first[0].fields[0]) && !first[0].fields[1].empty();
}

CsvLabels parseCsvLabels(const std::string& text, std::string* error,
                         std::vector<std::string>* rowErrors) {
  CsvLabels out;
  const auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return CsvLabels{};
  };
  std::string body = text;
  if (body.compare(0, 3, "\xEF\xBB\xBF") == 0) body.erase(0, 3);  // Excel's UTF-8 mark
  // Kaggle writes commas, European spreadsheets semicolons; TSV files and header-less lists
  // (ELPV's labels.csv: "images/cell0001.png  1.0  mono") tabs or spaces.
  const std::vector<CsvRecord> records = parseCsv(body, guessCsvDelimiter(body));
  if (records.empty()) return fail("an empty CSV file");
  const std::vector<std::string>& first = records[0].fields;
  int imageCol = -1, classCol = -1, pixelCol = -1, combinedCol = -1, splitCol = -1;
  int boxCol[4] = {-1, -1, -1, -1};
  bool header = false;
  for (std::size_t k = 0; k < first.size(); ++k) {
    const std::string key = headerKey(first[k]);
    const int col = static_cast<int>(k);
    if (key == "imageidclassid") {  // Severstal 2019: 0002cc93b.jpg_1
      combinedCol = col;
    } else if (isImageColumnName(key)) {
      // Of several (id, filename), the one whose values are image files.
      if (imageCol < 0 ||
          imageFilesIn(records, k) > imageFilesIn(records, static_cast<std::size_t>(imageCol)))
        imageCol = col;
    } else if (classCol < 0 && isClassColumnName(key)) {
      classCol = col;
    } else if (pixelCol < 0 && isPixelColumnName(key)) {
      pixelCol = col;
    } else if (splitCol < 0 && isSplitColumnName(key)) {
      splitCol = col;
    } else {
      const char* boxNames[4] = {"xmin", "ymin", "xmax", "ymax"};
      for (int b = 0; b < 4; ++b)
        if (key == boxNames[b]) boxCol[b] = col;
    }
  }
  header = imageCol >= 0 || classCol >= 0 || combinedCol >= 0 || pixelCol >= 0;
  // A header in names this reader does not know (Bild;Klasse): the rows below it have a
  // column of image files where the first row has none.
  const bool foreignHeader = !header && (first.empty() || !endsWithImageExtension(first[0])) &&
                             imageColumnByContent(records, -1) >= 0;
  header = header || foreignHeader;
  if (!header) {  // x.jpg,scratch
    if (first.size() < 2 || !endsWithImageExtension(first[0]))
      return fail("no header naming an image and a class column, and no image file first");
    imageCol = 0;
    classCol = 1;
  } else if (imageCol < 0 && combinedCol < 0) {
    imageCol = imageColumnByContent(records, classCol);
  }
  bool classGuessed = false;
  std::vector<std::size_t> oneHot;  // Roboflow's _classes.csv: "filename, crazing, pits" 0/1
  if (header && classCol < 0 && combinedCol < 0 && imageCol >= 0) {
    if (first.size() == 2) {
      classCol = 1 - imageCol;  // image,whatever
    } else if (pixelCol < 0) {
      oneHot = oneHotColumns(records, static_cast<std::size_t>(imageCol));
      if (oneHot.empty()) classCol = classColumnByContent(records, imageCol, boxCol);
      classGuessed = classCol >= 0;
    }
  }
  if (imageCol < 0 && combinedCol < 0) return fail("no column of image file names");
  if (classCol < 0 && combinedCol < 0 && oneHot.empty()) return fail("no class column");
  // A column found by its values may lie beyond the header's last name (or be none: one-hot
  // columns), so it is named by its number there.
  const auto column = [&](int col) {
    if (col < 0) return std::string("the 0/1 columns");
    return static_cast<std::size_t>(col) < first.size()
               ? "column '" + first[static_cast<std::size_t>(col)] + "'"
               : "column " + std::to_string(col + 1);
  };
  if (foreignHeader || classGuessed)
    out.columnsGuessed = "took " + column(imageCol) + " for the images and " + column(classCol) +
                         " for the classes (by their values; the header names neither as this "
                         "reader knows them)";
  const bool boxes = std::all_of(boxCol, boxCol + 4, [](int c) { return c >= 0; });
  out.hasPixels = pixelCol >= 0;
  for (std::size_t r = header ? 1 : 0; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    const auto rowError = [&](const std::string& why) {
      if (rowErrors) rowErrors->push_back("line " + std::to_string(rec.line) + ": " + why);
    };
    if (!rec.error.empty()) {
      rowError(rec.error);
      continue;
    }
    const auto field = [&](int col) {
      return col >= 0 && static_cast<std::size_t>(col) < rec.fields.size()
                 ? rec.fields[static_cast<std::size_t>(col)]
                 : std::string();
    };
    CsvLabelRow row;
    row.line = rec.line;
    if (combinedCol >= 0) {
      const std::string v = field(combinedCol);
      const auto cut = v.rfind('_');
      if (cut == std::string::npos || cut == 0) {
        rowError("'" + v + "' is not <image>_<class>");
        continue;
      }
      row.image = v.substr(0, cut);
      row.className = v.substr(cut + 1);
    } else {
      row.image = field(imageCol);
      row.className = field(classCol);
    }
    std::vector<std::string> marked;  // one-hot: the columns holding a 1
    for (const std::size_t k : oneHot)
      if (asciiTrim(field(static_cast<int>(k))) == "1") marked.push_back(asciiTrim(first[k]));
    if (marked.size() > 1) {  // (none marked: not decided yet, as an empty class)
      rowError("marks " + std::to_string(marked.size()) + " classes (" + marked[0] + ", " +
               marked[1] + (marked.size() > 2 ? ", ..." : "") + "); an image has one class here");
      continue;
    }
    if (marked.size() == 1) row.className = marked[0];
    if (row.image.empty()) {
      rowError("no image name");
      continue;
    }
    if (Split split; header && splitFromName(asciiTrim(field(splitCol)), split)) row.split = split;
    row.pixels = field(pixelCol);
    if (out.hasPixels && row.pixels.find_first_not_of(" \t") == std::string::npos) {
      row.pixels.clear();
      row.className.clear();  // listed without a defect of this class
    } else if (row.className.empty()) {
      continue;  // not decided yet: the image stays to be labeled
    }
    if (boxes && !row.className.empty()) {
      BoundingBox b;
      b.name = row.className;
      if (!parseCoordinate(field(boxCol[0]), b.xmin) ||
          !parseCoordinate(field(boxCol[1]), b.ymin) ||
          !parseCoordinate(field(boxCol[2]), b.xmax) ||
          !parseCoordinate(field(boxCol[3]), b.ymax)) {
        rowError("box coordinates that are not numbers");
        continue;
      }
      row.boxes.push_back(b);
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

CsvLabels readCsvLabels(const fs::path& file, std::string* error,
                        std::vector<std::string>* rowErrors) {
  std::string text, tooLarge;
  if (!readAnnotationText(file, text, std::string::npos, &tooLarge)) {
    if (error) *error = tooLarge.empty() ? "cannot open the CSV file" : tooLarge;
    return {};
  }
  return parseCsvLabels(text, error, rowErrors);
}

cv::Mat decodeRunLengths(const std::string& pixels, int width, int height, std::string* error) {
  const auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return cv::Mat();
  };
  if (width <= 0 || height <= 0) return fail("no image size");
  // Column by column (top to bottom, then left to right): fill the transposed image row-wise.
  cv::Mat transposed = cv::Mat::zeros(width, height, CV_8UC1);
  const long long total = static_cast<long long>(width) * height;
  std::istringstream in(pixels);
  std::string a, b;
  while (in >> a) {
    if (!(in >> b)) return fail("run-length pixels: an odd number of values");
    long long start = 0, length = 0;
    const auto pa = std::from_chars(a.data(), a.data() + a.size(), start);
    const auto pb = std::from_chars(b.data(), b.data() + b.size(), length);
    if (pa.ec != std::errc() || pa.ptr != a.data() + a.size() || pb.ec != std::errc() ||
        pb.ptr != b.data() + b.size())
      return fail("run-length pixels: '" + a + " " + b + "' are not numbers");
    if (start < 1 || length < 0 || start - 1 > total - length)
      return fail("run-length pixels: the run " + a + " " + b + " is outside the " +
                  std::to_string(width) + "x" + std::to_string(height) + " image");
    std::fill_n(transposed.data + (start - 1), length, std::uint8_t{255});
  }
  cv::Mat mask;
  cv::transpose(transposed, mask);
  return mask;
}

std::size_t pairCsvFiles(FolderWalk& c, const fs::path& root, const std::vector<bool>& readable,
                         const std::vector<std::pair<int, int>>& sizes,
                         std::vector<ScanIssue>& issues) {
  std::map<std::string, std::vector<std::size_t>> byName, byStem;
  for (std::size_t i = 0; i < readable.size(); ++i) {
    if (!readable[i]) continue;
    byName[c.candidates[i].path.filename().string()].push_back(i);
    byStem[c.candidates[i].path.stem().string()].push_back(i);
  }
  std::vector<std::vector<const CsvLabelRow*>> rowsOf(readable.size());
  std::vector<std::optional<Split>> listedIn(readable.size());  // by a file named for a split
  std::vector<CsvLabels> files(c.csvFiles.size());
  std::set<fs::path> pixelFolders;  // folders of images a pixel CSV lists: the rest are good
  for (std::size_t k = 0; k < c.csvFiles.size(); ++k) {
    const fs::path& file = c.csvFiles[k];
    if (asciiLower(file.filename().string()).find("submission") != std::string::npos) {
      issues.push_back({file, "a submission template, not labels; ignored"});
      continue;
    }
    std::string error;
    std::vector<std::string> rowErrors;
    files[k] = readCsvLabels(file, &error, &rowErrors);
    // Roboflow's _classes.csv beside segmentation masks names their numbers: no labels.
    if (!error.empty() && !readMaskLabelMapFile(file).names.empty()) continue;
    if (!error.empty()) {
      issues.push_back({file, "not a label file (" + error + "); ignored"});
      continue;
    }
    if (!files[k].columnsGuessed.empty()) c.notes.push_back({file, files[k].columnsGuessed});
    if (!rowErrors.empty())
      issues.push_back({file, std::to_string(rowErrors.size()) + " row(s) left out (" +
                                  rowErrors.front() + (rowErrors.size() > 1 ? ", ..." : "") + ")"});
    std::set<std::string> missing;
    for (const CsvLabelRow& row : files[k].rows) {
      std::string written = row.image;
      std::replace(written.begin(), written.end(), '\\', '/');
      const fs::path name(written);
      const bool bare = !isImageExtension(name);  // Kaggle ids often have no extension
      const auto& index = bare ? byStem : byName;
      const auto it = index.find(name.filename().string());
      if (it == index.end()) {
        missing.insert(row.image);
        continue;
      }
      std::vector<NameMatch> matches;
      for (const std::size_t i : it->second)
        matches.push_back({c.candidates[i].path, file.parent_path(), bare ? fs::path() : name});
      const std::size_t best = it->second[bestNameMatch(matches, root)];
      rowsOf[best].push_back(&row);
      if (Split split; splitFromName(file.stem().string(), split)) listedIn[best] = split;
      if (row.split) listedIn[best] = row.split;
      if (files[k].hasPixels) pixelFolders.insert(c.candidates[best].path.parent_path());
    }
    if (!missing.empty())
      issues.push_back({file, std::to_string(missing.size()) +
                                  " image(s) it lists not found (e.g. '" + *missing.begin() +
                                  "'); their labels ignored"});
  }

  // Lists named for a split (PaddleClas' train_list.txt and val_list.txt, a train.csv and a
  // test.csv with labels) or rows that name one (VisA's split column) are the dataset's own
  // split where no folder gave one and both sides are listed; an image in neither stays in
  // training.
  const auto listed = [&](Split side) {
    return std::find(listedIn.begin(), listedIn.end(), std::optional<Split>(side)) !=
           listedIn.end();
  };
  if (!c.ownSplit && listed(Split::Train) && listed(Split::Validation)) {
    for (std::size_t i = 0; i < readable.size(); ++i)
      c.candidates[i].split = listedIn[i].value_or(Split::Train);
    c.ownSplit = true;
  }

  // One class folder alone (VisA's candle/ above its images and a CSV of normal / anomaly)
  // names no classes: the files' classes are taken, and its images no row lists are to label.
  std::set<std::string> folderClasses;
  bool rowClasses = false;
  for (std::size_t i = 0; i < readable.size(); ++i) {
    const Candidate& cand = c.candidates[i];
    if (readable[i] && !cand.className.empty() && !cand.classFromFileName)
      folderClasses.insert(cand.className);
    for (const CsvLabelRow* row : rowsOf[i]) rowClasses = rowClasses || !row->className.empty();
  }
  const bool oneFolderClass = folderClasses.size() == 1 && rowClasses;
  if (oneFolderClass) c.classFolders.erase(*folderClasses.begin());
  // A folder the walk took for a class that holds a label file (VisA's split_csv/) is where
  // the labels are kept, not a class without images.
  for (std::size_t k = 0; k < files.size(); ++k)
    if (!files[k].rows.empty()) {
      const auto it = c.classFolders.find(c.csvFiles[k].parent_path().filename().string());
      if (it != c.classFolders.end() && it->second == c.csvFiles[k].parent_path())
        c.classFolders.erase(it);
    }

  std::size_t classed = 0, overruled = 0;  // listed in another class than their folder's
  std::string overruledExample;
  for (std::size_t i = 0; i < readable.size(); ++i) {
    Candidate& cand = c.candidates[i];
    const bool named = !cand.className.empty() && !cand.classFromFileName && !oneFolderClass;
    if (oneFolderClass && !cand.classFromFileName) cand.className.clear();
    if (named && !rowsOf[i].empty() &&
        std::none_of(rowsOf[i].begin(), rowsOf[i].end(), [&](const CsvLabelRow* r) {
          return r->className.empty() || r->className == cand.className;
        })) {
      if (!overruled++)
        overruledExample = "'" + rowsOf[i].front()->className + "' for " +
                           cand.path.lexically_relative(root).generic_string();
    }
    if (rowsOf[i].empty()) {
      // Severstal lists defects only: the other images of its folders have none.
      if (readable[i] && !named && pixelFolders.count(cand.path.parent_path())) {
        cand.className = kGoodClass;
        ++classed;
      }
      continue;
    }
    std::map<std::string, long long> weight;  // pixels, box area, or rows per class
    std::vector<BoundingBox> boxes;
    bool pixels = false;
    for (const CsvLabelRow* row : rowsOf[i]) {
      if (row->className.empty()) continue;
      pixels = pixels || !row->pixels.empty();
      if (!row->pixels.empty()) {
        weight[row->className] += runLengthArea(row->pixels);
        std::string error;
        const cv::Mat mask = decodeRunLengths(row->pixels, sizes[i].first, sizes[i].second, &error);
        if (!error.empty()) issues.push_back({cand.path, error + "; its boxes not shown"});
        for (const cv::Rect& r : mask.empty() ? std::vector<cv::Rect>() : componentBoxes(mask))
          boxes.push_back({row->className, r.x, r.y, r.x + r.width - 1, r.y + r.height - 1});
      } else if (!row->boxes.empty()) {
        boxes.insert(boxes.end(), row->boxes.begin(), row->boxes.end());
      } else {
        ++weight[row->className];
      }
    }
    if (cand.boxes.empty()) cand.boxes = boxes;
    if (named) continue;
    std::string cls;
    if (!pixels && !boxes.empty()) {
      std::set<std::string> boxClasses;
      for (const BoundingBox& b : boxes) boxClasses.insert(b.name);
      cls = namedClass(cand.path.stem().string(), boxClasses);
      if (cls.empty()) cls = dominantBoxClass(boxes);
    } else {
      long long most = -1;
      for (const CsvLabelRow* row : rowsOf[i])  // ties: the first row's class
        if (!row->className.empty() && weight[row->className] > most) {
          most = weight[row->className];
          cls = row->className;
        }
      if (cls.empty()) cls = kGoodClass;  // listed with no defect (Severstal 2019: no pixels)
    }
    cand.className = cls;
    classed += !cls.empty();
  }
  // (VisA opened at its root: split_csv/ says normal / anomaly, the folders say candle …)
  if (overruled)
    c.notes.push_back({root, std::to_string(overruled) +
                                 " image(s) have another class in a label file than their "
                                 "folder's (e.g. " +
                                 overruledExample + "): the folders' classes are taken"});
  return classed;
}

}  // namespace sdd
