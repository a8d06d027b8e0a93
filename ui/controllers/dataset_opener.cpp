#include "controllers/dataset_opener.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>

#include "sdd/workspace/workspace.h"
#include "workers/background_job.h"

namespace sddui {

void openDatasetInBackground(QObject* context, const QString& folder, const std::string& root,
                             const QString& workspace, const std::vector<std::string>& modelClasses,
                             std::function<void(int, int)> progress,
                             std::function<void(OpenedDataset)> done,
                             std::function<void(const QString&)> failed) {
  QPointer<QObject> ctx(context);
  const std::string ws = workspace.toStdString();
  // Qt holds a path as text: a folder whose name has bytes that are not UTF-8 (Latin-1 from an
  // old Windows share) arrives with U+FFFD in their place; the caller found the folder it
  // names, unless two folders read the same that way.
  std::error_code ec;
  if (folder.contains(QChar(0xFFFD)) && !std::filesystem::exists(root, ec)) {
    const QString why =
        QCoreApplication::translate(
            "sddui::DatasetOpener",
            "%1: no folder has this name, and more than one (or none) reads like it once the "
            "bytes of their names that are not UTF-8 text (Latin-1 or another old encoding) "
            "are replaced. Rename the folder, or use sdd on the command line, which reads it.")
            .arg(folder);
    QMetaObject::invokeMethod(
        context, [failed, why] { failed(why); }, Qt::QueuedConnection);
    return;
  }
  runInBackground<OpenedDataset>(
      context,
      [ctx, root, ws, progress, modelClasses] {
        OpenedDataset out;
        sdd::ScanOptions opt;
        const sdd::Workspace workspace(ws);
        opt.classes = workspace.classList();
        opt.fallbackClasses = modelClasses;
        opt.progress = [ctx, progress](std::size_t done, std::size_t total) {
          QMetaObject::invokeMethod(
              ctx,
              [ctx, progress, done, total] {
                if (ctx && progress) progress(int(done), int(total));
              },
              Qt::QueuedConnection);
        };
        try {
          out.dataset = std::make_shared<sdd::Dataset>(sdd::Dataset::scan(root, opt));
        } catch (const sdd::ClassListNeeded& e) {
          out.classListNeeded = QString::fromStdString(e.what());
          return out;
        }
        sdd::requireWorkspaceOutsideDataset(ws, root);
        // Labels given now are in the model's classes: keep them as the workspace's list,
        // so that they still name classes when another model is loaded.
        if (out.dataset->classSource() == sdd::ClassSource::Model) {
          try {
            workspace.saveClassList(out.dataset->classes());
          } catch (const std::exception&) {
            // A read-only workspace: the labels cannot be written either; nothing is lost.
          }
        }
        const auto journal = sdd::LabelStore::journalFile(ws);
        // A workspace on a read-only medium still shows its labels; relabels then fail with
        // the reason instead of the dataset not opening at all.
        std::unique_ptr<sdd::LabelStore> store;
        try {
          store = std::make_unique<sdd::LabelStore>(journal);
        } catch (const sdd::LabelStoreError&) {
          std::error_code ec;
          if (!std::filesystem::exists(journal, ec)) throw;
          store = std::make_unique<sdd::LabelStore>(journal, sdd::LabelStore::Access::ReadOnly);
          out.readOnlyJournal = true;
        }
        out.journalRow = store->lastId();
        out.applied = sdd::applyLabels(*out.dataset, *store);
        return out;
      },
      std::move(done), std::move(failed));
}

}  // namespace sddui
