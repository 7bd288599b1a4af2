// What a list says when it has nothing to show: why, in words, and the one thing to do about it if there is one.
export function EmptyState({ message, action }: { message: JSX.Element; action?: { href: string; label: string } }) {
  return (
    <div class="empty-state">
      <p>{message}</p>
      {action ? (
        <p>
          <a href={action.href} class="button" safe>
            {action.label}
          </a>
        </p>
      ) : (
        ''
      )}
    </div>
  );
}
