// hanaprop/host/file_error.hpp - the one base class of the host headers'
// errors about a file: a CSV file, an IDX file or a model file that is
// malformed or cannot be read, and a file that cannot be written. Each
// reader throws its own subclass (csv_error, idx_error, model_file_error,
// file_write_error) with its own position, so a program that only wants to
// print the problem catches them all at once:
//
//   try {
//       auto rows = hanaprop::host::read_labelled_csv<double, 7>("seeds.csv");
//       ...
//   } catch (const hanaprop::host::file_error& e) {
//       std::fprintf(stderr, "%s\n", e.what());   // seeds.csv:3:9: field 2 ...
//   }
//
// The freestanding core has no exceptions and returns results instead
// (model_result of load_model_bytes); only the host headers throw these.
//
// file() is a std::string, not a std::filesystem::path: csv.hpp includes
// this header, and <filesystem> would make every program that reads a CSV
// file slower to compile. A path converts to and from it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace hanaprop::host {

// A file that is malformed, cannot be read or cannot be written. what()
// names the file first, in the form compilers use so that an editor can
// jump to it: "file:line:column: problem" for a text file,
// "file: byte N: problem" for a binary one, "file: problem" without a place.
class file_error : public std::runtime_error {
public:
    // "file: problem"
    file_error(const std::string& file, const std::string& problem)
        : file_error(file, problem, compose(file, ": ", problem), preformatted{})
    {
    }
    // "file: byte offset: problem"
    file_error(const std::string& file, std::uint64_t offset, const std::string& problem)
        : file_error(file, problem, compose(file, byte_place(offset), problem), preformatted{})
    {
    }
    // "file:line:column: problem", both 1-based.
    file_error(const std::string& file, std::size_t line, std::size_t column, const std::string& problem)
        : file_error(file, problem, compose(file, line_place(line, column), problem), preformatted{})
    {
    }

    const std::string& file() const noexcept { return file_; }
    // what() without the file and the place.
    const std::string& problem() const noexcept { return problem_; }

protected:
    // For a subclass whose message has its own form (file_write_error's
    // "cannot write 'file': reason", which programs already print and match).
    struct preformatted {};
    file_error(const std::string& file, const std::string& problem, const std::string& what, preformatted)
        : std::runtime_error(what), file_(file), problem_(problem)
    {
    }

private:
    // The message is put together by these small functions, not by chains
    // of std::string additions: csv.hpp is kept cheap to compile, and each
    // chain is inlined code compiled again in every program.
    static std::string byte_place(std::uint64_t offset)
    {
        char text[48];
        std::snprintf(text, sizeof text, ": byte %llu: ", static_cast<unsigned long long>(offset));
        return text;
    }
    static std::string line_place(std::size_t line, std::size_t column)
    {
        char text[64];
        std::snprintf(text, sizeof text, ":%zu:%zu: ", line, column);
        return text;
    }
    static std::string compose(const std::string& file, const std::string& place, const std::string& problem)
    {
        std::string text;
        text.reserve(file.size() + place.size() + problem.size());
        return text.append(file).append(place).append(problem);
    }

    std::string file_;
    std::string problem_;
};

} // namespace hanaprop::host
