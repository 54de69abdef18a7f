# docs/doxygen-filter.sed - Doxygen's INPUT_FILTER (docs/Doxyfile): drop C++14 digit separators
# (50'000'000 -> 50000000), which Doxygen passes on as "50 '000 '000" and Sphinx's C++ parser
# then refuses. Only what Doxygen reads changes; the headers keep their separators.
:again
s/([0-9])'([0-9])/\1\2/
t again
