# Stands for: Rails search scopes (where("name LIKE ?")) that rely on SQLite's
# case-insensitive LIKE.
class User < ApplicationRecord
  scope :named, ->(q) { where("name LIKE ?", "%#{q}%") } # expect: like-case
  # where("email LIKE ?") in a comment
  HINT = "like this"
end
