// sdd journal
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include "commands.h"
#include "common.h"
#include "sdd/labels/label_store.h"

namespace fs = std::filesystem;

namespace sdd::cli {

namespace {

const char* kJournalHelp = R"(usage: sdd journal --workspace DIR [--csv FILE]
Checks the workspace's label journal with SQLite's integrity check and prints its size and
current relabels; --csv FILE writes every journal row as CSV. Exit 1 when the check fails.
The journal is only read: a read-only workspace works.
)";

}  // namespace

int cmdJournal(const std::vector<std::string>& argv) {
  Args args(argv, {"workspace", "csv"}, {"help"});
  if (args.has("help")) {
    std::cout << kJournalHelp;
    return 0;
  }
  const fs::path ws = args.str("workspace", "");
  if (ws.empty()) throw CliError("--workspace DIR is required");
  const fs::path file = sdd::LabelStore::journalFile(ws);
  if (!fs::exists(file))
    throw CliError("--workspace " + ws.string() + ": no label journal (" + file.string() +
                   ") there");
  const sdd::LabelStore store(file, sdd::LabelStore::Access::ReadOnly);
  const std::string check = store.integrityCheck();
  const auto rows = store.journal();
  std::cout << "journal " << file.string() << ": integrity " << check << ", " << rows.size()
            << " change(s), " << store.currentLabels().size() << " image(s) relabelled\n";
  if (args.has("csv")) store.exportCsv(args.str("csv", ""));
  return check == "ok" ? 0 : 1;
}

}  // namespace sdd::cli
