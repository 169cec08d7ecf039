using CleanPrepay.Domain.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanPrepay.Infrastructure.Persistence.Configurations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("conversations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(40);
        builder.Property(c => c.CustomerId).HasMaxLength(40);
        builder.Property(c => c.Subject).HasMaxLength(Conversation.MaxSubjectLength);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.OpenedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.LastMessageFrom).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.ClosedBy).HasMaxLength(300);
        // The account's Messages tab lists one customer's conversations, newest first (the id is time-ordered).
        builder.HasIndex(c => new { c.CustomerId, c.Id });
        builder.Ignore(c => c.DomainEvents);
    }
}

internal sealed class SupportMessageConfiguration : IEntityTypeConfiguration<SupportMessage>
{
    public void Configure(EntityTypeBuilder<SupportMessage> builder)
    {
        builder.ToTable("support_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasMaxLength(40);
        builder.Property(m => m.ConversationId).HasMaxLength(40);
        builder.Property(m => m.From).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Author).HasMaxLength(300);
        builder.Property(m => m.Body).HasMaxLength(Conversation.MaxBodyLength);
        // One place per message: two racing replies can never share one, and the thread reads in order from this index.
        builder.HasIndex(m => new { m.ConversationId, m.Sequence }).IsUnique();
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
