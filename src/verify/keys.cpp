// SPDX-License-Identifier: Apache-2.0
// src/verify/keys.cpp - key ceremony: Feldman commitments, shares, Lagrange coefficients (see the header).
#include "minga/verify/keys.hpp"

#include <algorithm>
#include <string>

#include "minga/core/error.hpp"
#include "minga/verify/hash.hpp"

namespace minga::verify {

namespace {

[[noreturn]] void bad_parameter(const char* field, const std::string& reason) {
  throw Error(Errc::invalid_argument, Location{"", 0, field}, reason);
}

void check_distinct(std::vector<std::uint32_t> indices) {
  std::sort(indices.begin(), indices.end());
  if (std::adjacent_find(indices.begin(), indices.end()) != indices.end())
    bad_parameter("guardian", "guardian " + std::to_string(*std::adjacent_find(indices.begin(), indices.end())) +
                                  " appears twice");
}

}  // namespace

void CeremonyParameters::validate() const {
  if (guardians < 1 || guardians > kMaxGuardians)
    bad_parameter("guardians", "number of guardians must be 1.." + std::to_string(kMaxGuardians));
  if (quorum < 1 || quorum > guardians) bad_parameter("quorum", "quorum must be 1..guardians");
}

Bytes32 CeremonyParameters::parameter_hash() const {
  validate();
  return verify::parameter_hash(guardians, quorum);
}

GuardianPolynomial::GuardianPolynomial(const CeremonyParameters& parameters, std::uint32_t index)
    : parameters_(parameters), index_(index) {
  parameters.validate();
  if (index < 1 || index > parameters.guardians) bad_parameter("guardian", "guardian index must be 1..guardians");
  for (std::uint32_t j = 0; j < parameters.quorum; ++j) coefficients_.push_back(SecretScalar::random());
}

GuardianRecord GuardianPolynomial::record() const {
  GuardianRecord r{index_, {}, prove_possession(parameters_.parameter_hash(), index_, coefficients_)};
  for (const SecretScalar& a : coefficients_) r.commitments.push_back(Point::base_mul(a));
  return r;
}

SecretScalar GuardianPolynomial::share_for(std::uint32_t recipient) const {
  if (recipient < 1 || recipient > parameters_.guardians)
    bad_parameter("guardian", "share recipient must be 1..guardians");
  // Horner: P(x) = a_0 + x(a_1 + x(a_2 + ...)).
  const Scalar x = Scalar::from_u64(recipient);
  Scalar value;
  for (std::size_t j = coefficients_.size(); j-- > 0;) value = value * x + coefficients_[j].reveal();
  return SecretScalar(value);
}

bool verify_guardian_record(const CeremonyParameters& parameters, const GuardianRecord& record) {
  parameters.validate();
  if (record.index < 1 || record.index > parameters.guardians) return false;
  if (record.commitments.size() != parameters.quorum) return false;
  return verify_possession(parameters.parameter_hash(), record.index, record.commitments, record.proof);
}

Point evaluate_commitments(const GuardianRecord& sender, std::uint32_t x) {
  const Scalar xs = Scalar::from_u64(x);
  Scalar power = Scalar::from_u64(1);
  Point total;
  for (const Point& k : sender.commitments) {
    total += k.mul(power);
    power = power * xs;
  }
  return total;
}

bool verify_share(const GuardianRecord& sender, std::uint32_t recipient, const SecretScalar& share) {
  return !sender.commitments.empty() && Point::base_mul(share) == evaluate_commitments(sender, recipient);
}

Point joint_public_key(std::span<const GuardianRecord> records) {
  if (records.empty()) bad_parameter("guardians", "no guardian records");
  std::vector<std::uint32_t> indices;
  Point k;
  for (const GuardianRecord& r : records) {
    if (r.commitments.empty()) bad_parameter("commitments", "guardian record without commitments");
    indices.push_back(r.index);
    k += r.commitments.front();
  }
  check_distinct(indices);
  return k;
}

Point share_public_key(std::span<const GuardianRecord> records, std::uint32_t guardian) {
  Point z;
  for (const GuardianRecord& r : records) z += evaluate_commitments(r, guardian);
  return z;
}

SecretScalar combine_shares(std::span<const SecretScalar> received) { return sum_secrets(received); }

Scalar lagrange_coefficient(std::uint32_t guardian, std::span<const std::uint32_t> available) {
  check_distinct({available.begin(), available.end()});
  if (std::find(available.begin(), available.end(), guardian) == available.end())
    bad_parameter("guardian", "guardian " + std::to_string(guardian) + " is not among the available guardians");
  Scalar numerator = Scalar::from_u64(1);
  Scalar denominator = Scalar::from_u64(1);
  const Scalar l = Scalar::from_u64(guardian);
  for (std::uint32_t m : available) {
    if (m == 0) bad_parameter("guardian", "guardian indices start at 1");
    if (m == guardian) continue;
    const Scalar ms = Scalar::from_u64(m);
    numerator = numerator * ms;
    denominator = denominator * (ms - l);
  }
  return numerator * denominator.inverse();
}

}  // namespace minga::verify
