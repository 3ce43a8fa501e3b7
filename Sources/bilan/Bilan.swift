import ArgumentParser
import BilanCore

@main
struct Bilan: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bilan")
    func run() throws {}
}
