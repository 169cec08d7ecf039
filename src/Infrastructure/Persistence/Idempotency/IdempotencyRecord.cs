using Microsoft.EntityFrameworkCore;

namespace CleanPrepay.Infrastructure.Persistence.Idempotency;

internal sealed class IdempotencyRecord
{
    /// <summary>Who used the key: keys are scoped to the caller.</summary>
    public required string Scope { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 of method, path and body.</summary>
    public required string RequestHash { get; init; }

    public bool Completed { get; set; }

    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public byte[]? Body { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Until when the running request owns the key; past it, the request is taken to have died.</summary>
    public DateTimeOffset? HeldUntil { get; set; }

    /// <summary>The request committed a change (a payment opened) in the transaction that set this.</summary>
    public bool Committed { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_records");
        builder.HasKey(r => new { r.Scope, r.Key });
        builder.Property(r => r.Scope).HasMaxLength(120);
        builder.Property(r => r.Key).HasMaxLength(255);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(100);
        builder.Property(r => r.Location).HasMaxLength(500);
        builder.HasIndex(r => r.ExpiresAt);
    }
}
