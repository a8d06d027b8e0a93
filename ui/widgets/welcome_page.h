#pragma once
// The Dataset tab before a dataset is open: what the workbench reads and how to open it.

#include <QWidget>
#include <functional>

namespace sddui {

/// `openDataset` runs when its Open Dataset… button is clicked.
QWidget* makeWelcomePage(std::function<void()> openDataset);

}  // namespace sddui
