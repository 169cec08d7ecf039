using CleanPrepay.Application.Common.Behaviours;
using CleanPrepay.Application.Wallets;
using CleanPrepay.Application.Wallets.AdjustWallet;
using CleanPrepay.Domain.Common;
using Microsoft.Extensions.Logging;

namespace CleanPrepay.Application.UnitTests;

public sealed class LoggingBehaviourTests
{
    private static readonly AdjustWalletCommand Command = new("cus_1", AdjustmentDirection.Debit, null, 1, "r");

    [Fact]
    public async Task At_the_default_level_a_handled_or_refused_command_writes_no_line()
    {
        var logger = new ListLogger(LogLevel.Information);
        var behaviour = new LoggingBehaviour<AdjustWalletCommand, Result<WalletTransactionDto>>(logger);

        await behaviour.Handle(Command, CancellationToken.None, () => Task.FromResult<Result<WalletTransactionDto>>(new Error("insufficient_balance", "no", ErrorKind.Conflict)));
        await behaviour.Handle(Command, CancellationToken.None, () => Task.FromResult<Result<WalletTransactionDto>>(Error.NotFound("Customer")));

        Assert.Empty(logger.Lines);
    }

    [Fact]
    public async Task At_debug_the_outcome_is_logged_and_a_throw_is_a_warning_at_any_level()
    {
        var debug = new ListLogger(LogLevel.Debug);
        await new LoggingBehaviour<AdjustWalletCommand, Result<WalletTransactionDto>>(debug)
            .Handle(Command, CancellationToken.None, () => Task.FromResult<Result<WalletTransactionDto>>(new Error("insufficient_balance", "no", ErrorKind.Conflict)));
        Assert.Contains(debug.Lines, l => l.Level == LogLevel.Debug && l.Text.StartsWith("AdjustWalletCommand refused with insufficient_balance", StringComparison.Ordinal));

        var warning = new ListLogger(LogLevel.Warning);
        await Assert.ThrowsAsync<TimeoutException>(() => new LoggingBehaviour<AdjustWalletCommand, Result<WalletTransactionDto>>(warning)
            .Handle(Command, CancellationToken.None, () => throw new TimeoutException()));
        var line = Assert.Single(warning.Lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.StartsWith("AdjustWalletCommand threw TimeoutException", line.Text, StringComparison.Ordinal);
    }

    private sealed class ListLogger(LogLevel minimum) : ILogger<LoggingBehaviour<AdjustWalletCommand, Result<WalletTransactionDto>>>
    {
        public List<(LogLevel Level, string Text)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Lines.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
