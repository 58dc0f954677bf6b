// Stands for: Knex's and Sequelize's SQLite configurations, and TypeORM's synchronize.
module.exports = {
  client: 'better-sqlite3', // expect: orm-dialect
  connection: { filename: './dev.sqlite3' }, // expect: sqlite-file-path
};
const sequelize = new Sequelize({ dialect: 'sqlite', storage: 'db.sqlite' }); // expect: orm-dialect, sqlite-file-path
sequelize.sync(); // expect: orm-create-all
