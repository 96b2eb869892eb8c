using Jarvis.Benchmarks;

// dotnet run -c Release --project tests/Jarvis.Benchmarks -- <startup|recovery|plugins> [rounds]
// the services run as they would be deployed (no developer exception page, production logging)
Environment.SetEnvironmentVariable("ASPNETCORE_ENVIRONMENT", Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production");
var command = args.FirstOrDefault() ?? "help";
var rounds = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 5;
switch (command)
{
    case "startup":
        await AppHostBenchmarks.StartupAsync(rounds);
        break;
    case "recovery":
        await AppHostBenchmarks.RecoveryAsync(rounds);
        break;
    case "chat":
        // dotnet run -c Release --project tests/Jarvis.Benchmarks -- chat [seconds]
        await ChatBenchmarks.SendAsync(args.Length > 1 ? rounds : 20);
        break;
    case "gateway":
        // dotnet run -c Release --project tests/Jarvis.Benchmarks -- gateway [seconds] [connections]
        await GatewayBenchmarks.RunAsync(args.Length > 1 ? rounds : 10, args.Length > 2 && int.TryParse(args[2], out var c) ? c : 16);
        break;
    case "plugins":
        await PluginBenchmarks.RunAsync(rounds);
        break;
    case "plugins-grpc":
        // dotnet run -c Release --project tests/Jarvis.Benchmarks -- plugins-grpc [seconds]: the transport part alone
        await PluginGrpcBenchmarks.RunAsync(args.Length > 1 ? rounds : 10);
        break;
    case "devices":
        // dotnet run -c Release --project tests/Jarvis.Benchmarks -- devices [seconds] [entities]
        await DeviceBenchmarks.RunAsync(args.Length > 1 ? rounds : 20, args.Length > 2 && int.TryParse(args[2], out var e) ? e : 1000);
        break;
    case "automations":
        // dotnet run -c Release --project tests/Jarvis.Benchmarks -- automations [seconds]
        await AutomationBenchmarks.RunAsync(args.Length > 1 ? rounds : 20);
        break;
    case "monitor":
        // dotnet run -c Release --project tests/Jarvis.Benchmarks -- monitor [rounds] [checks]
        await MonitorBenchmarks.RunAsync(args.Length > 1 ? rounds : 10, args.Length > 2 && int.TryParse(args[2], out var k) ? k : 1000);
        break;
    default:
        Console.WriteLine("usage: Jarvis.Benchmarks startup|recovery|plugins [rounds] | plugins-grpc [seconds] | gateway [seconds] [connections] | chat [seconds] | devices [seconds] [entities] | automations [seconds] | monitor [rounds] [checks]");
        return 2;
}

return 0;
