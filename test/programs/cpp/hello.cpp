// A C++ program that needs libstdc++ at run time: its GLIBCXX_ and CXXABI_ version needs give
// the libstdc++ floor, and its base image must ship libstdc++ (distroless/cc, not base).
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

int main(int argc, char **argv) {
  std::vector<std::string> args(argv, argv + argc);
  try {
    if (args.size() > 5) throw std::runtime_error("too many arguments");
    std::cout << "hello from a " << args.at(0).size() << "-byte argv[0]" << std::endl;
  } catch (const std::exception &e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
  return 0;
}
