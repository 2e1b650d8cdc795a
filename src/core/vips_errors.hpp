#pragma once
// libvips' error text, taken per failure. libvips keeps one error buffer for the whole process and every
// thread appends to it, so a failure's text is taken once, at the call that failed, under one lock (the only
// place that reads or clears the buffer), and nothing is ever picked by matching a file name: `a.jpg` would
// match `data.jpg`, and two `IMG_0001.JPG` in different folders would match each other.
//
// Thread rules: every function may be called from any thread; they serialise on one internal mutex.

#include <string>
#include <vips/vips8>

namespace imgopt {

// The text of a libvips C++ call that threw `failure`. The VError copied the buffer on the failing thread
// when the call returned, so lines that other threads add after that are not in it; of its lines, those
// still in the buffer are this call's, and they leave it. Lines that arrived since stay for their own calls.
// Lines another failure already took are not repeated. Empty when nothing is left.
std::string takeVipsError(const vips::VError& failure);

// The same for a libvips C call that just returned an error: its lines are the buffer as it is now.
std::string takeVipsError();

}  // namespace imgopt
