# SPDX-License-Identifier: Apache-2.0
# minga.gemspec - the Ruby binding of minga (it loads libminga, installed separately).
Gem::Specification.new do |spec|
  spec.name = "minga"
  spec.version = "0.1.0"
  spec.summary = "Collective decisions for civic tech over minga's C ABI"
  spec.description = "Participatory budgets (greedy, Method of Equal Shares, official pabulib rules), " \
                     "quadratic voting and funding, election files, from Ruby via the ffi gem."
  spec.authors = ["the minga team"]
  spec.license = "Apache-2.0"
  spec.files = Dir["lib/**/*.rb"] + ["README.md"]
  spec.require_paths = ["lib"]
  spec.required_ruby_version = ">= 3.0"
  spec.add_dependency "ffi", ">= 1.15"
  spec.add_development_dependency "minitest", ">= 5.15"
end
