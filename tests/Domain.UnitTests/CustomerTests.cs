using CleanPrepay.Domain.Customers;

namespace CleanPrepay.Domain.UnitTests;

public sealed class CustomerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("  Élodie ", "élodie")]
    [InlineData("E\u0301lodie", "élodie")]
    [InlineData("ZOË", "zoë")]
    [InlineData("ΣΟΦΊΑ", "σοφία")]
    public void The_search_key_is_trimmed_composed_and_lower_cased_without_culture(string text, string key) =>
        Assert.Equal(key.Normalize(System.Text.NormalizationForm.FormC), Customer.SearchKey(text));

    [Fact]
    public void The_name_key_follows_the_name_on_register_and_on_change()
    {
        var customer = Customer.Register("a@example.test", " Anna Smith ", "en", null, false, false, Now);
        Assert.Equal("anna smith", customer.NormalizedName);

        customer.UpdateProfile(null, "Anne SMITH", null, null, null, null, null, Now);
        Assert.Equal("anne smith", customer.NormalizedName);

        customer.UpdateProfile("b@example.test", null, null, null, null, null, null, Now);
        Assert.Equal("anne smith", customer.NormalizedName);
    }
}
