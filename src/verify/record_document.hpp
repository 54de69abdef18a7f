// SPDX-License-Identifier: Apache-2.0
// src/verify/record_document.hpp - the election record as a JSON document (internal).
//
// One document model, two encodings: ElectionRecord::to_json/from_json write and
// read it as JSON text, the compact binary form (record_binary.cpp) as CBOR.
#pragma once

#include <nlohmann/json.hpp>

#include "minga/verify/record.hpp"

namespace minga::verify {

/// The record's document (what to_json prints).
nlohmann::json record_document(const ElectionRecord& record);
/// Reads a record's document, with the errors ElectionRecord::from_json documents.
ElectionRecord record_from_document(const nlohmann::json& document);

}  // namespace minga::verify
