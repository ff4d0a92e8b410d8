export default function Layout({ children }) {
  return <main className="notes">{children}</main>;
}
