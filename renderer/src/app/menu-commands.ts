// Desktop menu commands, carried out by the page. The switch is exhaustive:
// a command added to MENU_COMMANDS (shared/api/events.ts) without a case here
// does not compile, so main can never send something the page ignores.
import type { MenuCommand } from '../api/client'

export interface MenuHandlers {
  /** The open archive was swapped, or main wrote to it (a menu import): lists must reload. */
  archiveChanged(): void
  focusSearch(): void
}

export function handleMenuCommand(command: MenuCommand, handlers: MenuHandlers): void {
  switch (command) {
    case 'archive-changed':
      return handlers.archiveChanged()
    case 'focus-search':
      return handlers.focusSearch()
    default: {
      const unhandled: never = command
      throw new Error(`Unhandled menu command: ${String(unhandled)}`)
    }
  }
}
