#pragma once
// The `sdd` commands, one file each (cmd_<name>.cpp, with its --help text). Each takes the
// arguments after the command name, returns the exit code and throws for errors (main.cpp
// turns the exception type into the exit code).

#include <string>
#include <vector>

namespace sdd::cli {

int cmdScan(const std::vector<std::string>& argv);
int cmdTrain(const std::vector<std::string>& argv);
int cmdEval(const std::vector<std::string>& argv);
int cmdPredict(const std::vector<std::string>& argv);
int cmdInfo(const std::vector<std::string>& argv);
int cmdSuspects(const std::vector<std::string>& argv);
int cmdReduce(const std::vector<std::string>& argv);
int cmdExport(const std::vector<std::string>& argv);
int cmdRelabel(const std::vector<std::string>& argv);
int cmdJournal(const std::vector<std::string>& argv);
int cmdReport(const std::vector<std::string>& argv);
int cmdPrelabel(const std::vector<std::string>& argv);
int cmdLabel(const std::vector<std::string>& argv);
int cmdSimulateLabeling(const std::vector<std::string>& argv);
int cmdCalibrate(const std::vector<std::string>& argv);

}  // namespace sdd::cli
