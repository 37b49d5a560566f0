// Every `firebreak` command, in the order `firebreak --help` lists them. To add a command, write
// cli/commands/<name>.ts exporting a CliCommand and add it here.
import type { CliCommand } from '../command';
import { huntCommand } from './hunt';
import { validateCommand } from './validate';
import { exampleCaseCommand } from './example-case';
import { reportCommand } from './report';
import { bundleCommand } from './bundle';
import { verifyCommand } from './verify';

export const commands: CliCommand[] = [validateCommand, huntCommand, exampleCaseCommand, reportCommand, bundleCommand, verifyCommand];
