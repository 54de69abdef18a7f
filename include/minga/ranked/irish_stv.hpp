// SPDX-License-Identifier: Apache-2.0
// minga/ranked/irish_stv.hpp - Irish PR-STV: the Dáil count of the Electoral Act 1992,
// Part XIX (sections 118 to 128, with the Electoral (Amendment) Act 2001 s.31).
//
// Whole papers, never fractions: every vote is one ballot paper, and a transfer
// moves physical papers from one candidate's pile to another's. The count,
// count by count, as the Act says it (section numbers in brackets):
//   [119] first count: the valid papers are sorted into one parcel per first
//         preference; a paper without one valid first preference is invalid;
//   [120] quota = floor(valid papers / (seats + 1)) + 1; a candidate whose votes
//         equal or exceed it at the end of a count is deemed elected;
//   [121] a surplus (votes above the quota) is transferred in a count of its own:
//         - the largest first, but every surplus arising at an earlier count before
//           those of a later one; equal surpluses: the candidate with more votes at
//           the first count where the two differed, else by lot;
//         - papers examined: ALL of the candidate's papers when elected on the first
//           count (original votes only); otherwise only the sub-parcel last received
//           (the papers that came in the count that elected them);
//         - the examined papers are sorted into sub-parcels by next available
//           preference for a continuing candidate, and the non-transferable ones;
//         - transferable papers <= surplus: every transferable paper moves; the rest
//           of the surplus is "non-transferable, not effective" (that many of the
//           examined non-transferable papers are set aside);
//         - transferable papers > surplus: sub-parcel i gives floor(n_i x surplus / T)
//           papers (T = all transferable papers); the papers still missing go one
//           each to the largest fractional remainders (n_i x surplus mod T); equal
//           remainders: the larger sub-parcel, then the candidate with more votes at
//           the first count where they differed, then by lot;
//         - the papers moved from a sub-parcel are those LAST FILED in it (see
//           PaperSelection); the elected candidate keeps exactly the quota;
//         - deferral: no surplus is transferred while the surpluses not yet
//           transferred, together, could neither (a) bring the highest continuing
//           candidate to the quota, (b) bring the lowest continuing candidate level
//           with the next lowest, nor (c) lift a continuing candidate from at most a
//           quarter of the quota to more than a quarter (the recoupment threshold
//           of s.48(1)(e), kept in s.124(3)); an exclusion is made instead;
//   [122] exclusion: the lowest continuing candidate is excluded and all their
//         papers move, in one count, to the next available preference for a
//         continuing candidate; the others are non-transferable. Two or more lowest
//         candidates are excluded together when their votes added together, plus
//         the surpluses not transferred, are fewer than the votes of the next
//         candidate up (the largest such group that leaves enough candidates for the
//         open seats). Equal lowest: the one with fewer votes at the first count
//         where they differed, else by lot;
//   [124] (1) continuing candidates no more than the open seats: all elected;
//         (1A, 2001 Act s.31) one more continuing candidate than open seats and the
//         lowest plus the surpluses not transferred below the next: all but the
//         lowest elected; (2) one seat left and a continuing candidate above all the
//         others together plus the surpluses not transferred: elected. (3) No further
//         transfer is made then (the count for a quarter of the quota alone, which
//         decides no seat, is not carried on).
// A paper goes only to a continuing candidate: elected candidates, whether or not
// their surplus has moved, receive nothing more. A paper is non-transferable
// when it has no next preference for a continuing candidate, or when its next
// mark is an overvote (two equal marks) or follows a gap (s.118); the default
// BallotInterpretation below reads marks that way.
//
// Which physical papers: the Act moves the papers last filed in each sub-parcel,
// and the papers were mixed before the first count (s.114, s.119), so which
// ones move is the one random element of the count (Coakley & O'Neill 1984). Here
// the mixing is a documented, reproducible step (PaperSelection): papers are filed
// in input order (a profile's entries in order, each entry's copies together), or
// in the order of a Fisher-Yates shuffle drawn from a published seed with
// minga::SeededRandom (core/random.hpp); from then on, every parcel keeps its
// filing order and a transfer moves the LAST papers of each sub-parcel, placing
// them on top of the receiving candidate's new sub-parcel in the same order.
// Later counts of a real election can therefore differ from the published ones by
// a few papers; the first count, the quota and (nearly always) the winners cannot.
//
// Ties: look back to the first count where the tied candidates differed
// (LookBack::first_difference_forwards), then the final step of `tie_break`
// (default: stop and report, so the returning officer's lot can be supplied, as
// TieFinal::lot_order or TieFinal::seeded_random with a published seed).
//
// Result: round k is count k. Its tally is the votes at the end of count k
// (round 1: first preferences); its actions are the candidates deemed elected at
// the end of count k, then the transfer that makes count k + 1 (ActionKind::surplus,
// or one ActionKind::excluded per candidate excluded together). The last round
// shows the final votes and the last elections. Inactive ballots: the
// non-transferable papers, by reason (cumulative).
#pragma once

#include "minga/export.h"

#include <cstdint>
#include <string>

#include "minga/ballot/election.hpp"
#include "minga/ranked/result.hpp"
#include "minga/ranked/rules.hpp"
#include "minga/ranked/tiebreak.hpp"

namespace minga::ranked {

/// How the papers are filed before the first count (which papers "last filed" means).
enum class PaperSelection : std::uint8_t {
  input_order = 0,    ///< the profile's order: the last papers of the input are the last filed
  seeded_random = 1,  ///< a SeededRandom(paper_seed) shuffle of all papers (the mixing of s.114)
};

struct IrishStvOptions {
  /// Overvotes (two equal next marks) and gaps (a mark not following the last
  /// one) make a paper non-transferable (s.118); a repeated candidate is passed.
  BallotInterpretation ballots{OvervoteRule::exhaust_immediately, 0, DuplicateRule::skip, {}, WriteInRule::skip, false};
  /// Default: the Act's look-back (first count where the candidates differed), then stop and report.
  TieBreak tie_break{LookBack::first_difference_forwards, TieFinal::stop, {}, {}};
  std::uint32_t seats = 1;
  PaperSelection paper_selection = PaperSelection::input_order;
  std::string paper_seed;        ///< seeded_random: the published seed (required, any text)
  bool defer_surpluses = true;   ///< s.121 deferral (false: every surplus moves when it arises)
  bool multiple_exclusion = true;///< s.122 exclusion of two or more lowest together
};

/// Throws Error(invalid_argument) for seats = 0, a non-ranked profile, write-ins
/// read as a candidate, or seeded_random without a seed.
MINGA_EXPORT Result irish_stv(const Election& election, const IrishStvOptions& options);

}  // namespace minga::ranked
