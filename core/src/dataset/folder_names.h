#pragma once
/// What a folder's name tells the scan: a split (train/, val2017/), images to label
/// (unlabeled/, cam1/, 2026-11-30/), a class number (3/), or one part of a numbered series
/// (kos01/ … kos50/). Names only: nothing here looks inside a folder. Thread-safety: plain
/// functions.

#include <cstddef>
#include <map>
#include <string>

#include "sdd/dataset/dataset.h"

namespace sdd {

/// True for a split folder's name (train, training / validation, valid, val, test, testing,
/// eval, evaluation; any case, also with digits after it or an images / set / data part:
/// train2017, val2017, train_images, test-set, images_train); `split` is set to its split.
bool splitFromName(const std::string& name, Split& split);

/// Whether a class name is a number (0, 1, 10, 001): a list's or a folder's class number.
bool isClassNumber(const std::string& name);

/// Folders whose images have no class yet: unlabeled, unlabelled, unsorted, new.
bool isUnlabeledFolderName(const std::string& name);

/// Folders named after where or when images were taken, never classes: a camera or line
/// (cam1, Camera_2, line-3, station 4) or a date (2026-11-30, 20261130, 2026_11_30_shift2).
bool isCameraOrDateFolderName(const std::string& name);

/// Class names that differ only in case or in spaces around them (train/Scratch/ beside
/// validation/scratch/, "OK" and "ok "): each such variant mapped to the one of its group
/// with the most images (of equals, the first in byte order). Names without a variant are
/// not in the map.
std::map<std::string, std::string> classNameVariants(
    const std::map<std::string, std::size_t>& imagesByName);

/// The word of a folder named a word and a number ("kos01", "part_7", "Sample 12"), lower
/// case; "" for other names and for words that say class (DAGM's Class1 … Class10 are
/// classes).
std::string seriesWord(const std::string& name);

}  // namespace sdd
