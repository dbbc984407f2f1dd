// hanaprop/host/progress.hpp - the progress of a training run: on a
// terminal, one line redrawn in place (epoch, bar, loss, accuracy, time
// left); in a log or a pipe, one plain line per epoch and nothing in
// between, so that logs stay short and can be read by scripts.
// Host only (POSIX isatty); the core never includes it.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <string>
#include <utility>

namespace hanaprop::host {

// What a progress line shows. A negative loss or accuracy is not known
// (yet) and is left out of the line.
struct training_status {
    std::size_t epoch = 1;       // the epoch under way, or just finished, from 1
    std::size_t epochs = 1;      // how many the run has
    double epoch_done = 0;       // the fraction of `epoch` done, 0 to 1
    double loss = -1;            // the training loss, a mean per sample
    double accuracy = -1;        // the last test accuracy, in percent
    double elapsed = 0;          // seconds since the training began
};

// The seconds still to go if every epoch takes as long as those done:
// the elapsed time times the work left over the work done. Negative when
// no work is done yet, since nothing can be estimated then.
constexpr double seconds_left(const training_status& s) noexcept
{
    const double epochs = s.epochs ? double(s.epochs) : 1.0;
    const double fraction = s.epoch_done < 0 ? 0.0 : s.epoch_done > 1 ? 1.0 : s.epoch_done;
    const double done = double(s.epoch ? s.epoch - 1 : 0) + fraction;
    if (done <= 0) return -1;
    return done >= epochs ? 0.0 : s.elapsed * (epochs - done) / done;
}

// "45 s", "2 min", "2 min 05 s", "1 h 05 min": whole seconds, and the
// seconds dropped beyond an hour, where they are noise.
inline std::string format_duration(double seconds)
{
    const long total = seconds > 0 ? std::lround(seconds) : 0;
    char text[40];
    if (total < 60) std::snprintf(text, sizeof text, "%ld s", total);
    else if (total < 3600 && total % 60 == 0) std::snprintf(text, sizeof text, "%ld min", total / 60);
    else if (total < 3600) std::snprintf(text, sizeof text, "%ld min %02ld s", total / 60, total % 60);
    else std::snprintf(text, sizeof text, "%ld h %02ld min", total / 3600, total % 3600 / 60);
    return text;
}

namespace detail {
inline std::string figures(const training_status& s, const char* accuracy_word)
{
    std::string text;
    char field[48];
    if (s.loss >= 0) {
        std::snprintf(field, sizeof field, " loss %.4f", s.loss);
        text += field;
    }
    if (s.accuracy >= 0) {
        std::snprintf(field, sizeof field, " %s %.2f%%", accuracy_word, s.accuracy);
        text += field;
    }
    return text;
}
} // namespace detail

// The line a terminal shows during an epoch, e.g.
//   "epoch 3/15 [########............] 42% loss 0.1234 acc 85.10% 2 min left"
// with `label` and a space in front when it is not empty.
inline std::string progress_line(const training_status& s, const std::string& label = {})
{
    constexpr int width = 20;
    const double fraction = s.epoch_done < 0 ? 0.0 : s.epoch_done > 1 ? 1.0 : s.epoch_done;
    const int filled = static_cast<int>(fraction * width);
    char head[96];
    std::snprintf(head, sizeof head, "epoch %zu/%zu [%.*s%.*s] %3d%%", s.epoch, s.epochs, filled,
                  "####################", width - filled, "....................",
                  static_cast<int>(fraction * 100 + 1e-9));
    // Appended piece by piece: g++ gives a false -Wrestrict warning for
    // " " + std::string once this is inlined.
    std::string text = label;
    if (!text.empty()) text += ' ';
    text += head;
    text += detail::figures(s, "acc");
    const double left = seconds_left(s);
    if (left >= 0) {
        text += ' ';
        text += format_duration(left);
        text += " left";
    }
    return text;
}

// The line printed at the end of an epoch when the output is not a
// terminal, e.g. "epoch 3/15: loss 0.1234 accuracy 85.10% elapsed 45 s".
inline std::string epoch_line(const training_status& s, const std::string& label = {})
{
    char head[48];
    std::snprintf(head, sizeof head, "epoch %zu/%zu:", s.epoch, s.epochs);
    std::string text = label;
    if (!text.empty()) text += ' ';
    text += head;
    text += detail::figures(s, "accuracy");
    text += " elapsed ";
    text += format_duration(s.elapsed);
    return text;
}

// Shows a training run's progress on `out` (stderr by default, so that
// the program's results on stdout stay as they are): progress_line,
// redrawn, if `out` is a terminal; otherwise epoch_line once an epoch,
// from end_epoch. The clock starts at construction.
//
//   training_progress progress{epochs};
//   for (epoch = 1..epochs) {
//       for (each chunk) { train it; progress.update(done, total, loss); }
//       progress.end_epoch(loss, accuracy);
//   }
class training_progress {
public:
    explicit training_progress(std::size_t epochs, std::string label = {}, std::FILE* out = stderr)
        : out_(out), label_(std::move(label)), terminal_(isatty(fileno(out)) != 0)
    {
        status_.epochs = epochs;
    }
    training_progress(const training_progress&) = delete;
    training_progress& operator=(const training_progress&) = delete;
    ~training_progress() { clear(); }

    bool terminal() const noexcept { return terminal_; }

    // `done` of the `total` items of the current epoch (the first, or the
    // one after the last end_epoch) are trained; `loss`, if not negative,
    // is its training loss so far. Redraws the line when it moves by a
    // percent or more; does nothing off a terminal.
    void update(std::size_t done, std::size_t total, double loss = -1)
    {
        if (!terminal_) return;
        const int percent = total ? static_cast<int>((done > total ? total : done) * 100 / total) : 100;
        if (percent == shown_) return;
        status_.epoch = finished_ + 1;
        status_.epoch_done = percent / 100.0;
        if (loss >= 0) status_.loss = loss;
        status_.elapsed = seconds();
        shown_ = percent;
        draw(progress_line(status_, label_));
    }

    // The current epoch is over, with this training loss and test
    // accuracy (either negative when not measured). On a terminal the line
    // is erased, for the program's own output, and the next update shows
    // the figures; elsewhere epoch_line is printed.
    void end_epoch(double loss, double accuracy)
    {
        status_.epoch = ++finished_;
        status_.epoch_done = 1;
        status_.loss = loss;
        status_.accuracy = accuracy;
        status_.elapsed = seconds();
        if (terminal_) {
            clear();
        } else {
            std::fprintf(out_, "%s\n", epoch_line(status_, label_).c_str());
            std::fflush(out_);
        }
    }

    // Erases the line on a terminal, so that the next output starts clean.
    void clear() noexcept
    {
        if (!terminal_ || drawn_ == 0) return;
        std::fprintf(out_, "\r%*s\r", static_cast<int>(drawn_), "");
        std::fflush(out_);
        drawn_ = 0;
        shown_ = -1;
    }

private:
    double seconds() const
    {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }
    void draw(const std::string& line)
    {
        // Spaces over the rest of a longer previous line.
        const int pad = drawn_ > line.size() ? static_cast<int>(drawn_ - line.size()) : 0;
        std::fprintf(out_, "\r%s%*s", line.c_str(), pad, "");
        std::fflush(out_);
        drawn_ = line.size();
    }

    std::FILE* out_;
    std::string label_;
    bool terminal_;
    training_status status_{};
    std::size_t finished_ = 0;   // epochs ended
    int shown_ = -1;
    std::size_t drawn_ = 0;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

} // namespace hanaprop::host
