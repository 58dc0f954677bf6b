# Stands for: Rails applications with raw SQL in heredocs (find_by_sql(<<~SQL)), and the
# corpus's pgloader_sqlite.db, whose defaults use datetime('now').
=begin
Post.where("created_at > datetime('now', '-1 day')") in a block comment: not found.
=end
class Post < ApplicationRecord
  def self.recent
    find_by_sql(<<~SQL)
      SELECT * FROM posts
      WHERE created_at > datetime('now', '-7 days') -- expect: datetime-now
    SQL
  end

  def self.today
    where("date(created_at) = date('now')") # expect: datetime-now
  end

  def label
    "updated datetime('now')" # a plain string: not SQL
  end
end
