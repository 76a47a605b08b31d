import MarketShapeCLI

MarketShapeCommand.runAndExit()
