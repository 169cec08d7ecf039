namespace CleanPrepay.WebApi.IntegrationTests.Support;

/// <summary>One API and database per provider, shared by the test classes of that provider (which then run one after another).</summary>
[CollectionDefinition("sqlite")]
public sealed class SqliteCollection : ICollectionFixture<SqliteApiFixture>;

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresApiFixture>;
