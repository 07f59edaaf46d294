"""Weiterleitung der Mittel: after the Land's payout, the Kreis forwards each opted-in Gemeinde's or
Verbund's share. Prepared by the coordinating office, approved by a second coordinator (four eyes),
paid by finance, confirmed by the recipient."""
