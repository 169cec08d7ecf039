using CleanPrepay.Application.Common.Contracts;
using CleanPrepay.Domain.Subscriptions;

namespace CleanPrepay.Application.Subscriptions.GetPendingPrepayments;

/// <summary>Keyset cursor over (created_at, id): the ticks and the id of the last item.</summary>
internal static class PrepaymentCursor
{
    public static string Encode(Prepayment p) => Cursor.Encode($"{p.CreatedAt.UtcTicks}|{p.Id}");

    public static bool TryDecode(string cursor, out DateTimeOffset createdAt, out string id)
    {
        createdAt = default;
        id = string.Empty;
        if (!Cursor.TryDecode(cursor, out var key) || key.Split('|') is not [var ticks, var last] || !long.TryParse(ticks, out var t)
            || t < DateTimeOffset.MinValue.UtcTicks || t > DateTimeOffset.MaxValue.UtcTicks || last.Length == 0)
        {
            return false;
        }

        (createdAt, id) = (new DateTimeOffset(t, TimeSpan.Zero), last);
        return true;
    }
}
