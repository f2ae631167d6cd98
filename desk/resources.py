"""What the coordinator exports from the desk: each dataset is the resource of the app
that owns its rows (core.spreadsheets), the same one the admin uses."""

from cooperation.resources import CallParticipationResource
from digests.resources import DeliveryResource
from events.resources import RegistrationResource
from members.resources import MemberResource
from productions.resources import LeadResource

EXPORTS = {
    "members": MemberResource,
    "leads": LeadResource,
    "registrations": RegistrationResource,
    "deliveries": DeliveryResource,
    "calls": CallParticipationResource,
}
