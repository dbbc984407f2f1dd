// The progress display of host/progress.hpp: the time-left estimate and
// the text of its lines, against figures worked out by hand, and the
// plain mode's one line per epoch (a temporary file is not a terminal).
#include <algorithm>
#include <cstdio>
#include <string>

#include <catch2/catch.hpp>

#include <hanaprop/host/progress.hpp>

using hanaprop::host::training_status;

TEST_CASE("the time left scales the elapsed time by the work left over the work done", "[progress]")
{
    // 2 of 10 epochs done in 30 s: 8 more at 15 s each, 120 s.
    const training_status two_done{.epoch = 3, .epochs = 10, .epoch_done = 0, .elapsed = 30};
    CHECK(hanaprop::host::seconds_left(two_done) == Approx(120));
    const training_status second_finished{.epoch = 2, .epochs = 10, .epoch_done = 1, .elapsed = 30};
    CHECK(hanaprop::host::seconds_left(second_finished) == Approx(120));
    // Half of the third epoch of 10 in 50 s: 2.5 done, 7.5 to go, 150 s.
    const training_status mid_epoch{.epoch = 3, .epochs = 10, .epoch_done = 0.5, .elapsed = 50};
    CHECK(hanaprop::host::seconds_left(mid_epoch) == Approx(150));
    // The last epoch finished: nothing left.
    const training_status all_done{.epoch = 10, .epochs = 10, .epoch_done = 1, .elapsed = 300};
    CHECK(hanaprop::host::seconds_left(all_done) == 0);
    // Nothing done yet: no estimate.
    const training_status start{.epoch = 1, .epochs = 10, .epoch_done = 0, .elapsed = 2};
    CHECK(hanaprop::host::seconds_left(start) < 0);
}

TEST_CASE("durations are written in seconds, minutes and hours", "[progress]")
{
    CHECK(hanaprop::host::format_duration(0) == "0 s");
    CHECK(hanaprop::host::format_duration(44.6) == "45 s");
    CHECK(hanaprop::host::format_duration(120) == "2 min");
    CHECK(hanaprop::host::format_duration(125) == "2 min 05 s");
    CHECK(hanaprop::host::format_duration(3900) == "1 h 05 min");
}

TEST_CASE("the terminal line has the epoch, a bar, the figures and the time left", "[progress]")
{
    const training_status s{.epoch = 3, .epochs = 10, .epoch_done = 0.5, .loss = 0.1234, .accuracy = 85.1,
                            .elapsed = 50};
    CHECK(hanaprop::host::progress_line(s) ==
          "epoch 3/10 [##########..........]  50% loss 0.1234 acc 85.10% 2 min 30 s left");
    CHECK(hanaprop::host::progress_line(s, "relu") ==
          "relu epoch 3/10 [##########..........]  50% loss 0.1234 acc 85.10% 2 min 30 s left");
    // 2 of 10 epochs in 30 s, the third just begun, nothing measured yet.
    const training_status fresh{.epoch = 3, .epochs = 10, .epoch_done = 0, .elapsed = 30};
    CHECK(hanaprop::host::progress_line(fresh) == "epoch 3/10 [....................]   0% 2 min left");
    // At the very start there is no estimate, and no figure.
    const training_status start{.epoch = 1, .epochs = 15};
    CHECK(hanaprop::host::progress_line(start) == "epoch 1/15 [....................]   0%");
}

TEST_CASE("the plain line has the epoch, the loss, the accuracy and the time elapsed", "[progress]")
{
    const training_status s{.epoch = 2, .epochs = 10, .epoch_done = 1, .loss = 0.05, .accuracy = 80.5,
                            .elapsed = 30};
    CHECK(hanaprop::host::epoch_line(s) == "epoch 2/10: loss 0.0500 accuracy 80.50% elapsed 30 s");
    CHECK(hanaprop::host::epoch_line(s, "sigmoid") ==
          "sigmoid epoch 2/10: loss 0.0500 accuracy 80.50% elapsed 30 s");
    const training_status no_loss{.epoch = 1, .epochs = 30, .epoch_done = 1, .accuracy = 81.25, .elapsed = 125};
    CHECK(hanaprop::host::epoch_line(no_loss) == "epoch 1/30: accuracy 81.25% elapsed 2 min 05 s");
}

TEST_CASE("off a terminal, only the end of an epoch prints, one line", "[progress]")
{
    std::FILE* file = std::tmpfile();
    REQUIRE(file);
    {
        hanaprop::host::training_progress progress{2, "net", file};
        CHECK_FALSE(progress.terminal());
        for (int epoch = 1; epoch <= 2; ++epoch) {
            for (std::size_t done = 0; done <= 100; done += 10) progress.update(done, 100, 0.5);
            progress.end_epoch(0.25, 90.0);
        }
    }
    std::rewind(file);
    std::string text;
    for (int c; (c = std::fgetc(file)) != EOF;) text += static_cast<char>(c);
    std::fclose(file);
    // The elapsed time varies: everything up to it is checked.
    const std::string first = "net epoch 1/2: loss 0.2500 accuracy 90.00% elapsed ";
    const std::string second = "net epoch 2/2: loss 0.2500 accuracy 90.00% elapsed ";
    REQUIRE(text.rfind(first, 0) == 0);
    const auto newline = text.find('\n');
    REQUIRE(newline != std::string::npos);
    CHECK(text.compare(newline + 1, second.size(), second) == 0);
    CHECK(text.find('\r') == std::string::npos);
    CHECK(std::count(text.begin(), text.end(), '\n') == 2);
}
