// Command smartodoo is Smart Odoo's single binary; everything is in internal/cli.
package main

import (
	"os"

	"github.com/smartodoo/smartodoo/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Environ())) }
