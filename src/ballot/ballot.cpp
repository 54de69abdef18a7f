// SPDX-License-Identifier: Apache-2.0
// src/ballot/ballot.cpp - names of ballot kinds and channels; Ranking helpers.
#include "minga/ballot/ballot.hpp"

#include "io/text.hpp"
#include "minga/core/error.hpp"

namespace minga {

const char* ballot_kind_name(BallotKind kind) noexcept {
  switch (kind) {
    case BallotKind::approval: return "approval";
    case BallotKind::ranked: return "ranked";
    case BallotKind::score: return "score";
    case BallotKind::quadratic: return "quadratic";
  }
  return "unknown";
}

BallotKind ballot_kind_from_name(std::string_view name) {
  for (auto k : {BallotKind::approval, BallotKind::ranked, BallotKind::score, BallotKind::quadratic})
    if (name == ballot_kind_name(k)) return k;
  throw Error(Errc::invalid_argument, "unknown ballot kind '" + std::string(name) +
                                          "' (expected approval, ranked, score or quadratic)");
}

const char* channel_name(Channel channel) noexcept {
  switch (channel) {
    case Channel::unspecified: return "unspecified";
    case Channel::online: return "online";
    case Channel::kiosk: return "kiosk";
    case Channel::paper: return "paper";
    case Channel::sms: return "sms";
    case Channel::other: return "other";
  }
  return "unknown";
}

Channel channel_from_name(std::string_view name) {
  std::string n = io::lower_ascii(io::trim(name));
  if (n.empty() || n == "unspecified") return Channel::unspecified;
  if (n == "online" || n == "internet" || n == "web" || n == "electronic" || n == "app") return Channel::online;
  if (n == "kiosk" || n == "booth" || n == "polling station" || n == "terminal") return Channel::kiosk;
  if (n == "paper" || n == "postal" || n == "mail" || n == "post") return Channel::paper;
  if (n == "sms" || n == "text" || n == "phone") return Channel::sms;
  if (n == "other") return Channel::other;
  throw Error(Errc::invalid_argument, "unknown channel '" + std::string(name) +
                                          "' (expected online, kiosk, paper, sms or other)");
}

void Ranking::add_position(std::initializer_list<std::uint32_t> marks_at_rank) {
  add_position(marks_at_rank.begin(), marks_at_rank.size());
}

void Ranking::add_position(const std::uint32_t* first, std::size_t count) {
  marks.insert(marks.end(), first, first + count);
  position_begin.push_back(static_cast<std::uint32_t>(marks.size()));
}

void Ranking::add_mark_to_last(std::uint32_t mark) {
  if (position_begin.size() == 1) position_begin.push_back(0);
  marks.push_back(mark);
  position_begin.back() = static_cast<std::uint32_t>(marks.size());
}

void Ranking::clear() {
  marks.clear();
  position_begin.assign(1, 0);
}

}  // namespace minga
