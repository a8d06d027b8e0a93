// The project's one way to write files, CSV, JSON and shell words (core/include/sdd/util).
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <stdexcept>

#include "sdd/labels/label_store.h"
#include "sdd/util/atomic_file.h"
#include "sdd/util/base64.h"
#include "sdd/util/csv.h"
#include "sdd/util/json.h"
#include "sdd/util/parallel.h"
#include "sdd/util/runtime.h"
#include "sdd/util/shell_quote.h"
#include "sdd/util/utf8.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sdd;
using sdd::test::readBytes;
using sdd::test::TempDir;
using sdd::test::writeBytes;

namespace {
std::vector<std::string> filesIn(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

TEST(AtomicFile, WritesTheWholeFileCreatingFoldersAndLeavesNoTempFile) {
  TempDir dir;
  writeFileAtomically(dir / "a/b/out.csv", "x,y\n1,2\n");
  EXPECT_EQ(readBytes(dir / "a/b/out.csv"), "x,y\n1,2\n");
  writeFileAtomically(dir / "a/b/out.csv", "replaced");
  EXPECT_EQ(readBytes(dir / "a/b/out.csv"), "replaced");
  EXPECT_EQ(filesIn(dir / "a/b"), std::vector<std::string>{"out.csv"});
  // Files get the usual permissions (0666 less the umask), not mkstemp's 0600.
  const auto perms = fs::status(dir / "a/b/out.csv").permissions();
  EXPECT_NE(perms & fs::perms::others_read, fs::perms::none);
}

// A write that fails half-way (here: the file size limit, as a full disk would) leaves the
// old file as it was, no temp file, and says why in the OS's words. Run in a child process:
// the limit must not hold for the test runner.
TEST(AtomicFile, AFailedWriteKeepsTheOldFileAndNamesTheReason) {
  TempDir dir;
  writeBytes(dir / "report.json", "the old report");
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{1000, 1000};
    setrlimit(RLIMIT_FSIZE, &limit);
    try {
      writeFileAtomically(dir / "report.json", std::string(5000, 'x'));
    } catch (const WriteError& e) {
      const std::string what = e.what();
      _exit(what.find("report.json") != std::string::npos &&
                    what.find("File too large") != std::string::npos
                ? 0
                : 2);
    }
    _exit(1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0)
      << "1: no error, 2: the error does not name the file and reason";
  EXPECT_EQ(readBytes(dir / "report.json"), "the old report");
  EXPECT_EQ(filesIn(dir.path()), std::vector<std::string>{"report.json"});
}

TEST(AtomicFile, AFolderInTheWayIsAClearError) {
  TempDir dir;
  writeBytes(dir / "blocker", "a file where a folder should be");
  try {
    writeFileAtomically(dir / "blocker/out.csv", "x");
    FAIL() << "written below a regular file";
  } catch (const WriteError& e) {
    EXPECT_NE(std::string(e.what()).find("blocker/out.csv"), std::string::npos) << e.what();
  }
}

TEST(AtomicFile, CopyRefusesToOverwriteAndCopiesEveryByte) {
  TempDir dir;
  std::string bytes(3 << 20, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7);
  writeBytes(dir / "src.bin", bytes);
  copyFileAtomically(dir / "src.bin", dir / "out/dst.bin");
  EXPECT_EQ(readBytes(dir / "out/dst.bin"), bytes);
  EXPECT_THROW(copyFileAtomically(dir / "src.bin", dir / "out/dst.bin"), WriteError);
  EXPECT_THROW(copyFileAtomically(dir / "missing.bin", dir / "out/x.bin"), std::runtime_error);
  EXPECT_EQ(filesIn(dir / "out"), std::vector<std::string>{"dst.bin"});
}

TEST(Csv, QuotesFieldsAndKeepsEveryRowAsWideAsTheHeader) {
  CsvWriter csv({"file", "p_a,b", "n"});
  csv.text("x.png").number(0.25).integer(3).endRow();
  csv.text("say \"hi\"\nnow").empty().fixed(1.5, 2).endRow();
  EXPECT_EQ(csv.str(), "file,\"p_a,b\",n\nx.png,0.25,3\n\"say \"\"hi\"\"\nnow\",,1.50\n");
  EXPECT_EQ(csv.rows(), 2u);
  csv.text("short");
  EXPECT_THROW(csv.endRow(), std::logic_error);
}

// OWASP: a cell a spreadsheet would run as a formula is written with a leading quote, and
// our own CSV reader gives back the text as it was.
TEST(Csv, GuardsCellsThatASpreadsheetWouldRunAndReadsThemBack) {
  for (const std::string cell : {"=cmd|' /C calc'!A0", "+1", "-x.png", "@SUM(A1)", "\tx", "\rx"}) {
    const std::string field = csvField(cell);
    EXPECT_EQ(field.substr(0, 2), "\"'") << cell;
    const LabelCsv parsed = parseLabelCsv(field + ",label\n");
    ASSERT_EQ(parsed.rows.size(), 1u) << field;
    EXPECT_EQ(parsed.rows[0].path, cell);
  }
  EXPECT_EQ(csvField("plain.png"), "plain.png");
  CsvWriter csv({"v"});
  csv.number(-0.5).endRow();  // numbers are numbers, never guarded
  EXPECT_EQ(csv.str(), "v\n-0.5\n");
}

TEST(Json, RefusesDeepNestingBeforeParsing) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  try {
    parseJson(deep);
    FAIL() << "100,000 levels were parsed";
  } catch (const JsonError& e) {
    EXPECT_NE(std::string(e.what()).find("deeper than 64"), std::string::npos) << e.what();
  }
  const std::string ok = std::string(64, '[') + std::string(64, ']');
  EXPECT_NO_THROW(parseJson(ok));
  // Brackets inside strings do not count; invalid JSON is a JsonError too.
  EXPECT_EQ(parseJson(R"({"a": "[[[[\"[[[["})")["a"], "[[[[\"[[[[");
  EXPECT_EQ(jsonDepth(R"({"a": ["]]]", {"b": 1}]})"), 3);
  EXPECT_THROW(parseJson("{\"a\": "), JsonError);
}

// Whole numbers come out of JSON only in range: 1e50 or 3.5 (which nlohmann's get<int>()
// converts with undefined behaviour; the fuzzer gave a Datumaro mask 1e50 pixels wide) are
// refused with a JsonError saying why.
TEST(Json, IntegersAreReadOnlyWholeAndInRange) {
  const auto read = [](const char* text, long long lo, long long hi) {
    return jsonInteger(parseJson(text), lo, hi);
  };
  EXPECT_EQ(read("42", 0, 100), 42);
  EXPECT_EQ(read("-7", -10, 10), -7);
  EXPECT_EQ(read("3.0", 0, 10), 3);
  for (const char* bad :
       {"5.3e50", "3.5", "-1", "101", "18446744073709551615", "\"7\"", "null", "true", "[1]"}) {
    try {
      read(bad, 0, 100);
      ADD_FAILURE() << bad << " was read";
    } catch (const JsonError& e) {
      EXPECT_NE(std::string(e.what()), "") << bad;
    }
  }
}

TEST(Utf8, IllFormedSequencesBecomeOneReplacementCharacterEach) {
  const std::string r = "\xEF\xBF\xBD";  // U+FFFD
  EXPECT_EQ(validUtf8("Kratzer \xC3\xBC \xE5\x88\x92\xF0\x9F\x99\x82"),
            "Kratzer \xC3\xBC \xE5\x88\x92\xF0\x9F\x99\x82");  // ü 划 🙂 unchanged
  EXPECT_EQ(validUtf8("Kratzer\xFC"), "Kratzer" + r);          // Latin-1 ü
  EXPECT_EQ(validUtf8("a\xE5\x88"), "a" + r);                  // cut: one for both
  EXPECT_EQ(validUtf8("\xC0\xAF"), r + r);                     // overlong '/'
  EXPECT_EQ(validUtf8("\xED\xA0\x80"), r + r + r);             // a surrogate
  EXPECT_EQ(validUtf8("\xF4\x90\x80\x80"), r + r + r + r);     // above U+10FFFF
  EXPECT_EQ(validUtf8("\xE5\x88x"), r + "x");
  EXPECT_EQ(validUtf8(""), "");
}

TEST(Json, TextThatIsNotUtf8IsWrittenNotThrown) {
  // nlohmann's dump() throws on it: a dataset folder named in Latin-1 stopped training.
  const nlohmann::json value = {{"dataset",
                                 "/data/Pr\xFC"
                                 "fung"}};
  EXPECT_THROW((void)value.dump(), nlohmann::json::exception);
  EXPECT_EQ(dumpJson(value),
            "{\"dataset\":\"/data/Pr\xEF\xBF\xBD"
            "fung\"}");
  EXPECT_EQ(parseJson(dumpJson(value)).at("dataset"), validUtf8("/data/Pr\xFC"
                                                                "fung"));
}

TEST(ShellQuote, QuotesWhatTheShellWouldSplitOrExpand) {
  EXPECT_EQ(shellQuote("data/NEU-DET"), "data/NEU-DET");
  EXPECT_EQ(shellQuote("my data"), "'my data'");
  EXPECT_EQ(shellQuote("it's $HOME"), "'it'\\''s $HOME'");
  EXPECT_EQ(shellQuote(""), "''");
  EXPECT_EQ(shellCommand({"sdd", "report", "a b"}), "sdd report 'a b'");
}

TEST(ParallelFor, AnExceptionInAWorkerReachesTheCaller) {
  EXPECT_THROW(parallelFor(1000, 4,
                           [](std::size_t i) {
                             if (i == 500) throw std::runtime_error("image 500");
                           }),
               std::runtime_error);
}

// The one CSV reader: what CsvWriter writes reads back field for field, each record knows
// the line it starts on, and a broken record is marked without losing the ones after it.
// RFC 4648's test vectors both ways; what labeling tools add (line breaks, no padding) is read,
// what no encoder writes is refused.
TEST(Base64, EncodesAndDecodesTheStandardVectorsAndRefusesWhatNoEncoderWrites) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, coded] : vectors) {
    EXPECT_EQ(encodeBase64(plain), coded);
    EXPECT_EQ(decodeBase64(coded), std::optional<std::string>(plain)) << coded;
  }
  std::string bytes;
  for (int b = 0; b < 256; ++b) bytes += static_cast<char>(b);
  EXPECT_EQ(decodeBase64(encodeBase64(bytes)), bytes);
  EXPECT_EQ(decodeBase64("Zm9v\nYmE"), std::optional<std::string>("fooba"));
  EXPECT_EQ(decodeBase64("Zm9vY"), std::nullopt);     // 6 bits cannot end a byte
  EXPECT_EQ(decodeBase64("Zm9v!mFy"), std::nullopt);  // not in the alphabet
  EXPECT_EQ(decodeBase64("Zg==Zm8="), std::nullopt);  // data after the padding
}

TEST(Csv, ReadsSemicolonsTabsAndRunsOfSpacesAndGuessesWhichAFileUses) {
  EXPECT_EQ(guessCsvDelimiter("a,b;c\n"), ',');
  EXPECT_EQ(guessCsvDelimiter("a;b;c,d\n1;2"), ';');
  EXPECT_EQ(guessCsvDelimiter("a\tb\tc\n"), '\t');
  EXPECT_EQ(guessCsvDelimiter("\"x;y\",b\n"), ',');  // inside quotes it does not count
  EXPECT_EQ(guessCsvDelimiter("a.png  1.0  mono\n"), ' ');
  EXPECT_EQ(guessCsvDelimiter("one\n"), ',');
  auto rows = parseCsv("  a.png \t 1.0   mono  \r\n\n\"b c.png\"  \"\"  x\n", ' ');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"a.png", "1.0", "mono"}));
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"b c.png", "", "x"}));  // quoted: kept
  EXPECT_EQ(rows[1].line, 3u);
  rows = parseCsv("a;\"b;c\";d\n", ';');
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"a", "b;c", "d"}));
}

TEST(Csv, ReadsBackWhatItWroteWithLinesAndMarksABrokenRecord) {
  CsvWriter csv({"file", "note"});
  csv.text("a.png").text("two\nlines, quoted").endRow();
  csv.text("=b.png").text("").endRow();
  const std::vector<CsvRecord> records = parseCsv(csv.str() + "\n\"open,x\n");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[1].fields, (std::vector<std::string>{"a.png", "two\nlines, quoted"}));
  EXPECT_EQ(records[1].line, 2u);
  EXPECT_EQ(records[2].fields, (std::vector<std::string>{"=b.png", ""}));
  EXPECT_EQ(records[2].line, 4u);
  EXPECT_TRUE(records[2].error.empty());
  EXPECT_EQ(records[3].line, 6u);  // after a blank line
  EXPECT_EQ(records[3].error, "unclosed quote");
}

// The thread tuner keeps the count whose measured steps are faster, and measures again when
// the chosen count's steps slow down (another process took the cores) or after many steps.
TEST(ThreadTuner, ChoosesTheFasterCountAndMeasuresAgainWhenTheLoadChanges) {
  const int before = configureThreads(0);
  ThreadTuner tuner(4);
  EXPECT_EQ(tuner.chosen(), 4);
  // Trials alternate 4 threads and 1; one thread is faster here (a busy machine).
  for (int k = 0; k < 6; ++k) {
    const int n = tuner.beginStep();
    EXPECT_EQ(n, k % 2 == 0 ? 4 : 1);
    tuner.endStep(n == 1 ? 0.010 : 0.030);
  }
  EXPECT_EQ(tuner.chosen(), 1);
  for (int k = 0; k < 20; ++k) {
    EXPECT_EQ(tuner.beginStep(), 1);
    tuner.endStep(0.010);
  }
  // The chosen count turns 3x slower: a new round of trials, in which 4 threads win.
  for (int k = 0; k < 8; ++k) tuner.beginStep(), tuner.endStep(0.030);
  for (int k = 0; k < 6; ++k) {
    const int n = tuner.beginStep();
    tuner.endStep(n == 1 ? 0.030 : 0.012);
  }
  EXPECT_EQ(tuner.chosen(), 4);
  EXPECT_EQ(tuner.beginStep(), 4);
  // Nothing to choose with one thread allowed.
  ThreadTuner single(1);
  EXPECT_EQ(single.beginStep(), 1);
  single.endStep(1.0);
  EXPECT_EQ(single.chosen(), 1);
  configureThreads(before);
}
