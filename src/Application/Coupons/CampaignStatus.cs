namespace CleanPrepay.Application.Coupons;

public enum CampaignStatus
{
    Active,
    Expired,
}
