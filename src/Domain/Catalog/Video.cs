using CleanPrepay.Domain.Common;

namespace CleanPrepay.Domain.Catalog;

public enum PurchaseMode
{
    Rent,
    Buy,
}

/// <summary>A single video sold by the unit (TVOD): rented for some hours, or bought for ever.</summary>
public sealed class Video : AggregateRoot
{
    private Video()
    {
    }

    public string Title { get; private set; } = string.Empty;

    public VideoOffer? Rent { get; private set; }

    public VideoOffer? Buy { get; private set; }

    public bool Active { get; private set; }

    /// <summary>Sold only by rental or purchase: no all-videos plan covers it, only a plan that lists it (ADR 0028).</summary>
    public bool RentOrBuyOnly { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Video Create(string title, VideoOffer? rent, VideoOffer? buy, bool active, DateTimeOffset now, bool rentOrBuyOnly = false) => new()
    {
        Id = Ids.New("vid"),
        Title = title.Trim(),
        Rent = rent,
        Buy = buy,
        Active = active,
        RentOrBuyOnly = rentOrBuyOnly,
        CreatedAt = now,
    };

    public void Update(string? title, VideoOffer? rent, VideoOffer? buy, bool? active, bool? rentOrBuyOnly = null)
    {
        Title = title?.Trim() ?? Title;
        Rent = rent ?? Rent;
        Buy = buy ?? Buy;
        Active = active ?? Active;
        RentOrBuyOnly = rentOrBuyOnly ?? RentOrBuyOnly;
        Touch();
    }

    public VideoOffer? Offer(PurchaseMode mode) => mode == PurchaseMode.Rent ? Rent : Buy;
}
