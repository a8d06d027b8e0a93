#pragma once
// The one way the workbench runs a job off the GUI thread: `work` on Qt's thread pool, its
// result handed to `done` on the GUI thread, an exception turned into `failed(message)`.
// The watcher is a child of `context`, so when `context` is gone nothing is called back.

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>
#include <functional>
#include <memory>
#include <optional>

namespace sddui {

template <class T>
void runInBackground(QObject* context, std::function<T()> work, std::function<void(T)> done,
                     std::function<void(const QString&)> failed) {
  struct Outcome {
    std::shared_ptr<T> value;  // shared: QFuture copies its result
    QString error;
  };
  auto* watcher = new QFutureWatcher<Outcome>(context);
  QObject::connect(watcher, &QFutureWatcher<Outcome>::finished, context, [watcher, done, failed] {
    watcher->deleteLater();
    Outcome o = watcher->result();
    if (o.value)
      done(std::move(*o.value));
    else if (failed)
      failed(o.error);
  });
  watcher->setFuture(QtConcurrent::run([work]() -> Outcome {
    try {
      return {std::make_shared<T>(work()), {}};
    } catch (const std::exception& e) {
      return {nullptr, QString::fromStdString(e.what())};
    }
  }));
}

}  // namespace sddui
