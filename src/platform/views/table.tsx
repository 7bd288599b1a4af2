// A data table as every page writes one: a caption, column headers with their scope, then the rows.
import type { Children } from '@kitajs/html';

export function DataTable({ caption, headers, children }: { caption: JSX.Element; headers: JSX.Element[]; children?: Children }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {headers.map((header) => (
            <th scope="col">{header}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
