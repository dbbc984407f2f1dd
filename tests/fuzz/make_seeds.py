#!/usr/bin/env python3
"""make_seeds.py: writes the seed corpora of two fuzz targets, corpus/csv/
and corpus/idx/, in the input format each target documents (a leading
options byte; for idx also the image file's length). Valid tiny files and
broken ones, one of each kind the readers' tests check. The corpora are
committed; run this again only to change them. corpus/model/ is written
by make_model_seeds.cpp, from the library's own saves."""
import gzip
import pathlib
import struct

here = pathlib.Path(__file__).resolve().parent


def write(folder, name, data):
    path = here / "corpus" / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# --- csv: options byte, then the file --------------------------------------
# Every file of the CSV reader's own tests, as rows of 7 doubles.
for source in sorted((here.parent / "seeds" / "csv").glob("*.csv")):
    write("csv", source.stem, b"\x00" + source.read_bytes())
write("csv", "header_skipped", b"\x04" + (here.parent / "seeds" / "csv" / "header.csv").read_bytes())
write("csv", "semicolons", b"\x01" + b"1.5;2.5;-3e-2;4;5;6;7;1\n8;9;10;11;12;13;14;2\n")
write("csv", "tabs_crlf", b"\x02" + b"1\t2\t3\t4\t5\t6\t7\t0\r\n")
write("csv", "short_limit", b"\x08" + b"15.26,14.84,0.871,5.763,3.312,2.221,5.22,1\n" * 2)
write("csv", "one_float", b"\x10" + b"0.5,1\n-0.25,2\n1e-45,3\n")
write("csv", "long_double", b"\x20" + b"1e4000,2,3,4\n1,2,3,4\n")
write("csv", "two_floats_spaces", b"\x33" + b"1 2 3\n")


# --- idx: flags, u16 image length, images, labels --------------------------
def images(count, rows, cols, pixels, magic=0x803):
    return struct.pack(">IIII", magic, count, rows, cols) + bytes(pixels)


def labels(count, values, magic=0x801):
    return struct.pack(">II", magic, count) + bytes(values)


def idx(flags, image_data, label_data):
    return bytes([flags]) + struct.pack("<H", len(image_data)) + image_data + label_data


def gz(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


good_images = images(3, 2, 2, [0, 255, 51, 102, 255, 255, 0, 0, 1, 2, 3, 4])
good_labels = labels(3, [2, 0, 1])
write("idx", "good", idx(0x00, good_images, good_labels))
write("idx", "good_gzip_flags", idx(0x03, good_images, good_labels))
write("idx", "good_gzip_bytes", idx(0x00, gz(good_images), gz(good_labels)))
write("idx", "good_two_members", idx(0x00, gz(good_images[:19]) + gz(good_images[19:]), good_labels))
write("idx", "limit_0", idx(0x10, good_images, good_labels))
write("idx", "limit_2", idx(0x30, good_images, good_labels))
write("idx", "one_pixel", idx(0x04, images(2, 1, 1, [7, 250]), labels(2, [1, 0])))
write("idx", "image_784", idx(0x08, images(1, 28, 28, [i % 256 for i in range(784)]), labels(1, [9])))
write("idx", "one_class", idx(0x0c, images(1, 2, 3, [1, 2, 3, 4, 5, 6]), labels(1, [0])))
write("idx", "wrong_magic", idx(0x00, images(3, 2, 2, good_images[16:], magic=0x801), good_labels))
write("idx", "header_cut", idx(0x00, good_images[:10], good_labels))
write("idx", "truncated", idx(0x00, good_images[:26], good_labels))
write("idx", "truncated_gzip", idx(0x00, gz(good_images)[:-12], good_labels))
write("idx", "count_mismatch", idx(0x00, good_images, labels(2, [2, 0])))
write("idx", "dimensions", idx(0x00, images(2, 3, 2, good_images[16:]), labels(2, [2, 0])))
write("idx", "huge_count", idx(0x00, images(4000000000, 2, 2, good_images[16:]), labels(4000000000, [2, 0, 1])))
write("idx", "huge_count_gzip", idx(0x03, images(4000000000, 2, 2, good_images[16:]), labels(4000000000, [2, 0, 1])))
write("idx", "label_too_big", idx(0x00, good_images, labels(3, [2, 3, 1])))
write("idx", "trailing_bytes", idx(0x00, good_images + b"\x07", good_labels))
write("idx", "junk_after_gzip", idx(0x00, gz(good_images) + b"x", good_labels))
lying = bytearray(gz(images(30000000, 2, 2, bytes(4096))))
lying[-4:] = b"\xff\xff\xff\xff"
write("idx", "lying_trailer", idx(0x00, bytes(lying), gz(labels(30000000, bytes(4096)))))
