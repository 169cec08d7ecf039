using CleanPrepay.Domain.Support;

namespace CleanPrepay.Domain.UnitTests;

/// <summary>A support conversation's places, its close and its bound (ADR 0042).</summary>
public sealed class ConversationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Messages_take_consecutive_places_and_a_closed_conversation_takes_none()
    {
        var (conversation, first) = Conversation.Open("cus_1", "  Billing ", " Hello ", MessageSender.Customer, "customer:cus_1", Now);
        var reply = conversation.Reply("Hi", MessageSender.Staff, "admin:ops", Now.AddMinutes(1)).Value;

        Assert.Equal(("Billing", "Hello", 1, 2), (conversation.Subject, first.Body, first.Sequence, reply.Sequence));
        Assert.Equal((2, MessageSender.Staff, Now.AddMinutes(1)), (conversation.MessageCount, conversation.LastMessageFrom, conversation.LastMessageAt));
        Assert.True(conversation.Close("admin:ops", Now));
        Assert.False(conversation.Close("customer:cus_1", Now.AddHours(1)));
        Assert.Equal(("admin:ops", Now), (conversation.ClosedBy, conversation.ClosedAt));
        Assert.Equal("conversation_closed", conversation.Reply("Late", MessageSender.Customer, "customer:cus_1", Now).Error!.Code);
        Assert.Equal(2, conversation.MessageCount);
    }

    [Fact]
    public void A_thread_holds_at_most_its_bound()
    {
        var (conversation, _) = Conversation.Open("cus_1", "Long", "1", MessageSender.Customer, "customer:cus_1", Now);
        for (var i = 1; i < Conversation.MaxMessages; i++)
        {
            Assert.True(conversation.Reply("x", MessageSender.Staff, "admin:ops", Now).IsSuccess);
        }

        Assert.Equal("conversation_full", conversation.Reply("x", MessageSender.Staff, "admin:ops", Now).Error!.Code);
    }
}
