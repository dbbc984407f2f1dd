// Hostile CSV input under a memory cap: this process may map at most
// 256 MB, and each stream below is larger than that. The reader must hold
// at most one line (csv_options::max_line_length characters) and refuse
// the input with a csv_error, quickly.
#include <catch2/catch.hpp>

#include <chrono>
#include <istream>
#include <streambuf>
#include <string>

#include <hanaprop/host/csv.hpp>

#include "../common/memory_cap.hpp"

namespace {

const bool capped = hanaprop_tests::cap_address_space(std::size_t(256) << 20);

// `size` bytes of `pattern` repeated, made as they are read: a file of
// any size that takes no memory.
class repeating_buffer : public std::streambuf {
public:
    repeating_buffer(std::string pattern, std::size_t size) : size_(size)
    {
        while (chunk_.size() < 4096) chunk_ += pattern;
        chunk_.resize(4096 - 4096 % pattern.size());
    }

protected:
    int_type underflow() override
    {
        if (given_ >= size_) return traits_type::eof();
        std::size_t n = chunk_.size() < size_ - given_ ? chunk_.size() : size_ - given_;
        given_ += n;
        setg(chunk_.data(), chunk_.data(), chunk_.data() + n);
        return traits_type::to_int_type(chunk_[0]);
    }

private:
    std::string chunk_;
    std::size_t size_;
    std::size_t given_ = 0;
};

// Reads `size` bytes of `pattern` as rows of 7 features, expecting `error`
// within 5 s.
void expect_refused(const std::string& pattern, std::size_t size, const std::string& error,
                    const hanaprop::host::csv_options& options = {})
{
    INFO("address space capped at 256 MB: " << (capped ? "yes" : "no (AddressSanitizer)"));
    repeating_buffer buffer{pattern, size};
    std::istream in(&buffer);
    const auto start = std::chrono::steady_clock::now();
    CHECK_THROWS_MATCHES((hanaprop::host::read_labelled_csv<float, 7>(in, "hostile.csv", options)),
                         hanaprop::host::csv_error, Catch::Matchers::Message(error));
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    CHECK(took.count() < 5.0);
}

} // namespace

TEST_CASE("one line of 1 GB: refused at the line limit", "[csv][bounds]")
{
    expect_refused("0123456789", std::size_t(1) << 30, "hostile.csv:1:1048577: line longer than 1048576 characters");
}

TEST_CASE("a line of 4 million fields: too many, counted in a line the limit allows", "[csv][bounds]")
{
    hanaprop::host::csv_options options;
    options.max_line_length = std::size_t(8) << 20;
    expect_refused("1,", std::size_t(8) << 20, "hostile.csv:1:17: too many fields: 4194305, expected 8", options);
}

TEST_CASE("1 GB of empty fields on many lines: the first bad line stops the reader", "[csv][bounds]")
{
    expect_refused(",,,,,,,\n", std::size_t(1) << 30, "hostile.csv:1:1: field 1 is empty");
}
