// hanaprop/host/progress.hpp - a one-line progress bar on a terminal, and
// nothing at all when the output is a file or a pipe (logs stay clean).
// Host only (POSIX isatty).
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdio>

namespace hanaprop::host {

class progress_bar {
public:
    // Draws on `out` (stderr by default) only if it is a terminal.
    explicit progress_bar(std::size_t total, std::FILE* out = stderr) noexcept
        : out_(out), total_(total ? total : 1), enabled_(isatty(fileno(out)) != 0)
    {
    }
    progress_bar(const progress_bar&) = delete;
    progress_bar& operator=(const progress_bar&) = delete;
    ~progress_bar() { clear(); }

    bool enabled() const noexcept { return enabled_; }

    // Redraws only when the bar moves by at least one percent.
    void update(std::size_t done) noexcept
    {
        if (!enabled_) return;
        const std::size_t percent = (done > total_ ? total_ : done) * 100 / total_;
        if (percent == shown_) return;
        shown_ = percent;
        constexpr std::size_t width = 40;
        char bar[width + 1];
        for (std::size_t i = 0; i < width; ++i) bar[i] = i < percent * width / 100 ? '#' : '.';
        bar[width] = '\0';
        std::fprintf(out_, "\r[%s] %3zu%%", bar, percent);
        std::fflush(out_);
    }

    // Erases the bar, so that the next line starts clean.
    void clear() noexcept
    {
        if (!enabled_ || shown_ == none) return;
        std::fprintf(out_, "\r%60s\r", "");
        std::fflush(out_);
        shown_ = none;
    }

private:
    static constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::FILE* out_;
    std::size_t total_;
    bool enabled_;
    std::size_t shown_ = none;
};

} // namespace hanaprop::host
