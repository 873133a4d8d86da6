// Esc in a text box leaves it so the review's letter keys work again. Focus
// goes to the selected sentence (where j/k act and the focus ring shows), not
// to nothing; where no sentence is shown the box just lets go of it.

export function leaveField(field: HTMLElement): void {
  const sentence = document.querySelector<HTMLElement>('[role="option"][aria-selected="true"]')
  if (sentence) sentence.focus({ preventScroll: true })
  else field.blur()
}
