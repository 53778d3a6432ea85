using DialogueBot.Bench.Inbound;

// Two roles of one executable: the driver (default) starts Azurite, a Connector sink, a local token issuer
// and a child process serving the bot and a bare endpoint, then measures; "serve" is that child.
return args.Length > 0 && args[0] == BotServer.Verb
    ? await BotServer.RunAsync(args[1..])
    : await Driver.RunAsync(BenchOptions.Parse(args));
