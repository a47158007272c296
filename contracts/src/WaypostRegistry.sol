// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title Waypost registry of service-node providers and their nodes.
/// @notice Curators approve providers; providers register the discv5 nodes that run their services;
/// clients verify discovered nodes here before they trust them. Nothing here is specific to one
/// service: a service is a 32-byte id, keccak256 of its UTF-8 name (see `serviceIdOf`).
/// @dev Storage is shaped for the hot path, `registerNode`: one packed slot per node holds its
/// provider, a bitmap of the services it is registered for and its proof-of-possession nonce.
/// Services therefore get a bit each from a curated catalogue of at most 64. Lists that clients
/// need but the contract does not (nodes of a provider, history) are served from events.
contract WaypostRegistry {
    // ---------------------------------------------------------------- types

    enum ProviderStatus {
        None,
        Pending,
        Approved,
        Rejected,
        Suspended,
        Withdrawn
    }

    /// One slot per provider. It holds no node count: keeping one would cost every registration
    /// a storage write, and indexers count nodes from the events anyway.
    struct ProviderState {
        ProviderStatus status;
        uint64 appliedAt;
        uint64 updatedAt;
    }

    /// One node's registration as `registerNodes` takes it; fields as in `registerNode`.
    struct NodeRegistration {
        bytes32 serviceId;
        bytes32 publicKeyX;
        bytes32 publicKeyY;
        uint64 expiry;
        bytes32 r;
        bytes32 vs;
    }

    struct ProviderInfo {
        string name;
        string metadataURI;
    }

    // ---------------------------------------------------------------- constants

    uint256 public constant MAX_SERVICES = 64;
    uint256 public constant MAX_NAME_BYTES = 64;
    uint256 public constant MAX_URI_BYTES = 256;
    uint256 public constant MAX_REASON_BYTES = 512;
    uint256 public constant MAX_BATCH = 1000;

    bytes32 public constant NODE_REGISTRATION_TYPEHASH =
        keccak256("NodeRegistration(bytes32 nodeId,address provider,bytes32 serviceId,uint32 nonce,uint64 expiry)");
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant NAME_HASH = keccak256("WaypostRegistry");
    bytes32 private constant VERSION_HASH = keccak256("1");

    // Node slot layout: provider in bits 0..159, services bitmap in 160..223, nonce in 224..255.
    uint256 private constant SERVICES_SHIFT = 160;
    uint256 private constant NONCE_SHIFT = 224;
    uint256 private constant PROVIDER_MASK = (uint256(1) << 160) - 1;
    uint256 private constant SERVICES_MASK = ((uint256(1) << 64) - 1) << SERVICES_SHIFT;
    // Upper half of the secp256k1 order: signatures with a larger s are the malleable twin.
    uint256 private constant HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    // ---------------------------------------------------------------- storage

    address public owner;
    address public pendingOwner;

    mapping(address => bool) public isCurator;
    address[] private _curators;

    mapping(address => ProviderState) private _providerState;
    mapping(address => ProviderInfo) private _providerInfo;
    address[] private _providers;

    /// serviceId => bit index + 1 (0 means unknown service)
    mapping(bytes32 => uint256) private _serviceBit;
    mapping(bytes32 => string) private _serviceName;
    bytes32[] private _serviceIds;

    mapping(bytes32 => uint256) private _nodes;

    bytes32 private immutable _cachedDomainSeparator;
    uint256 private immutable _cachedChainId;

    // ---------------------------------------------------------------- events

    event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    event CuratorAdded(address indexed curator, address indexed by);
    event CuratorRemoved(address indexed curator, address indexed by);
    event ServiceAdded(bytes32 indexed serviceId, string name, uint8 bit, address indexed curator);
    event ProviderApplied(address indexed provider, string name, string metadataURI);
    event ProviderUpdated(address indexed provider, string name, string metadataURI);
    event ProviderApproved(address indexed provider, address indexed curator);
    event ProviderRejected(address indexed provider, address indexed curator, string reason);
    event ProviderSuspended(address indexed provider, address indexed curator, string reason);
    event ProviderReinstated(address indexed provider, address indexed curator, string reason);
    event ProviderWithdrawn(address indexed provider);
    event NodeRegistered(address indexed provider, bytes32 indexed nodeId, bytes32 indexed serviceId);
    event NodeRemoved(address indexed provider, bytes32 indexed nodeId, bytes32 indexed serviceId, address by);

    // ---------------------------------------------------------------- errors

    error NotOwner(address caller);
    error NotPendingOwner(address caller);
    error NotCurator(address caller);
    error ZeroAddress();
    error AlreadyCurator(address curator);
    error UnknownCurator(address curator);
    error WrongProviderStatus(address provider, ProviderStatus status);
    error InvalidName(uint256 length);
    error TextTooLong(uint256 length, uint256 max);
    error ServiceExists(bytes32 serviceId);
    error TooManyServices(uint256 max);
    error UnknownService(bytes32 serviceId);
    error SignatureExpired(uint64 expiry, uint256 timestamp);
    error InvalidSignature();
    error WrongNodeSigner(bytes32 nodeId, address signer);
    error NodeHeldByOtherProvider(bytes32 nodeId, address provider);
    error NodeAlreadyRegistered(bytes32 nodeId, bytes32 serviceId);
    error UnknownNode(bytes32 nodeId, bytes32 serviceId);
    error NotNodeProviderOrCurator(address caller, bytes32 nodeId);
    error BatchTooLarge(uint256 length, uint256 max);

    // ---------------------------------------------------------------- construction

    /// @param initialOwner manages curators; in production a multisig.
    /// @param defaultProvider registered already approved (Status in production); zero for none.
    /// @param initialServices service names to put in the catalogue, e.g. "mailserver".
    constructor(
        address initialOwner,
        address defaultProvider,
        string memory defaultProviderName,
        string memory defaultProviderMetadataURI,
        string[] memory initialServices
    ) {
        if (initialOwner == address(0)) revert ZeroAddress();
        owner = initialOwner;
        emit OwnershipTransferred(address(0), initialOwner);
        _cachedChainId = block.chainid;
        _cachedDomainSeparator = _buildDomainSeparator();
        for (uint256 i = 0; i < initialServices.length; ++i) {
            _addService(initialServices[i]);
        }
        if (defaultProvider != address(0)) {
            _apply(defaultProvider, defaultProviderName, defaultProviderMetadataURI);
            _providerState[defaultProvider].status = ProviderStatus.Approved;
            emit ProviderApproved(defaultProvider, msg.sender);
        }
    }

    // ---------------------------------------------------------------- modifiers

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    modifier onlyCurator() {
        if (!isCurator[msg.sender]) revert NotCurator(msg.sender);
        _;
    }

    // ---------------------------------------------------------------- owner

    /// @notice First step of a two-step transfer; the new owner must call `acceptOwnership`.
    /// Passing the zero address cancels a pending transfer.
    function transferOwnership(address newOwner) external onlyOwner {
        pendingOwner = newOwner;
        emit OwnershipTransferStarted(msg.sender, newOwner);
    }

    function acceptOwnership() external {
        if (msg.sender != pendingOwner || msg.sender == address(0)) revert NotPendingOwner(msg.sender);
        address previous = owner;
        owner = msg.sender;
        pendingOwner = address(0);
        emit OwnershipTransferred(previous, msg.sender);
    }

    function addCurator(address curator) external onlyOwner {
        if (curator == address(0)) revert ZeroAddress();
        if (isCurator[curator]) revert AlreadyCurator(curator);
        isCurator[curator] = true;
        _curators.push(curator);
        emit CuratorAdded(curator, msg.sender);
    }

    function removeCurator(address curator) external onlyOwner {
        if (!isCurator[curator]) revert UnknownCurator(curator);
        isCurator[curator] = false;
        uint256 last = _curators.length - 1;
        for (uint256 i = 0; i <= last; ++i) {
            if (_curators[i] == curator) {
                _curators[i] = _curators[last];
                _curators.pop();
                break;
            }
        }
        emit CuratorRemoved(curator, msg.sender);
    }

    // ---------------------------------------------------------------- curators

    function addService(string calldata name) external onlyCurator returns (bytes32 serviceId) {
        return _addService(name);
    }

    function approveProvider(address provider) external onlyCurator {
        _transition(provider, ProviderStatus.Pending, ProviderStatus.Approved);
        emit ProviderApproved(provider, msg.sender);
    }

    function rejectProvider(address provider, string calldata reason) external onlyCurator {
        _checkLength(bytes(reason).length, MAX_REASON_BYTES);
        _transition(provider, ProviderStatus.Pending, ProviderStatus.Rejected);
        emit ProviderRejected(provider, msg.sender, reason);
    }

    function suspendProvider(address provider, string calldata reason) external onlyCurator {
        _checkLength(bytes(reason).length, MAX_REASON_BYTES);
        _transition(provider, ProviderStatus.Approved, ProviderStatus.Suspended);
        emit ProviderSuspended(provider, msg.sender, reason);
    }

    function reinstateProvider(address provider, string calldata reason) external onlyCurator {
        _checkLength(bytes(reason).length, MAX_REASON_BYTES);
        _transition(provider, ProviderStatus.Suspended, ProviderStatus.Approved);
        emit ProviderReinstated(provider, msg.sender, reason);
    }

    // ---------------------------------------------------------------- providers

    /// @notice Apply as a provider. Allowed for newcomers and after a rejection or withdrawal.
    function applyAsProvider(string calldata name, string calldata metadataURI) external {
        ProviderStatus status = _providerState[msg.sender].status;
        if (status != ProviderStatus.None && status != ProviderStatus.Rejected && status != ProviderStatus.Withdrawn) {
            revert WrongProviderStatus(msg.sender, status);
        }
        _apply(msg.sender, name, metadataURI);
    }

    function updateProvider(string calldata name, string calldata metadataURI) external {
        ProviderState storage state = _providerState[msg.sender];
        if (!_isActive(state.status)) revert WrongProviderStatus(msg.sender, state.status);
        _setInfo(msg.sender, name, metadataURI);
        state.updatedAt = uint64(block.timestamp);
        emit ProviderUpdated(msg.sender, name, metadataURI);
    }

    /// @notice Leave the registry. Registered nodes stay on record but no longer verify.
    function withdrawProvider() external {
        ProviderState storage state = _providerState[msg.sender];
        if (!_isActive(state.status)) revert WrongProviderStatus(msg.sender, state.status);
        state.status = ProviderStatus.Withdrawn;
        state.updatedAt = uint64(block.timestamp);
        emit ProviderWithdrawn(msg.sender);
    }

    /// @notice Register a node for a service. The node proves it consents with an EIP-712 signature
    /// by its own key over (nodeId, provider, serviceId, nonce, expiry); see `nodeRegistrationDigest`.
    /// @dev Every argument is a fixed-size word, so calldata carries no offsets or lengths.
    /// @param publicKeyX x of the node's secp256k1 public key; keccak256(x || y) is its node id.
    /// @param publicKeyY y of the node's secp256k1 public key.
    /// @param r the signature's r.
    /// @param vs the signature's s with the recovery bit (v - 27) in its top bit (EIP-2098).
    function registerNode(
        bytes32 serviceId,
        bytes32 publicKeyX,
        bytes32 publicKeyY,
        uint64 expiry,
        bytes32 r,
        bytes32 vs
    ) external {
        _checkCanRegister();
        _register(NodeRegistration(serviceId, publicKeyX, publicKeyY, expiry, r, vs));
    }

    /// @notice `registerNode` for many nodes in one transaction: a provider bringing a fleet pays
    /// the transaction's fixed cost once. All or nothing: one bad proof refuses the whole batch.
    function registerNodes(NodeRegistration[] calldata registrations) external {
        if (registrations.length > MAX_BATCH) revert BatchTooLarge(registrations.length, MAX_BATCH);
        _checkCanRegister();
        for (uint256 i = 0; i < registrations.length; ++i) {
            _register(registrations[i]);
        }
    }

    /// @notice Remove a node from a service; by its provider (in any status) or by a curator.
    function removeNode(bytes32 nodeId, bytes32 serviceId) external {
        uint256 slot = _nodes[nodeId];
        uint256 bit = _serviceBit[serviceId];
        uint256 serviceFlag = bit == 0 ? 0 : uint256(1) << (SERVICES_SHIFT + bit - 1);
        if (serviceFlag == 0 || slot & serviceFlag == 0) revert UnknownNode(nodeId, serviceId);
        address provider = _holderOf(slot);
        if (msg.sender != provider && !isCurator[msg.sender]) revert NotNodeProviderOrCurator(msg.sender, nodeId);

        uint256 remaining = (slot & SERVICES_MASK) & ~serviceFlag;
        // The nonce survives removal so that an old signature can never register the node again.
        uint256 kept = slot & ~PROVIDER_MASK & ~SERVICES_MASK;
        _nodes[nodeId] = remaining == 0 ? kept : kept | remaining | uint256(uint160(provider));
        emit NodeRemoved(provider, nodeId, serviceId, msg.sender);
    }

    // ---------------------------------------------------------------- verification views

    /// @notice Whether a node is registered for a service and its provider is approved.
    function verify(bytes32 nodeId, bytes32 serviceId)
        public
        view
        returns (bool trusted, address nodeProvider, ProviderStatus status)
    {
        uint256 slot = _nodes[nodeId];
        uint256 bit = _serviceBit[serviceId];
        if (bit == 0 || slot & (uint256(1) << (SERVICES_SHIFT + bit - 1)) == 0) {
            return (false, address(0), ProviderStatus.None);
        }
        nodeProvider = _holderOf(slot);
        status = _providerState[nodeProvider].status;
        trusted = status == ProviderStatus.Approved;
    }

    /// @notice `verify` for many nodes in one call, so a client checks all it discovered at once.
    function verifyBatch(bytes32[] calldata nodeIds, bytes32 serviceId)
        external
        view
        returns (bool[] memory trusted, address[] memory providers, ProviderStatus[] memory statuses)
    {
        uint256 n = nodeIds.length;
        if (n > MAX_BATCH) revert BatchTooLarge(n, MAX_BATCH);
        trusted = new bool[](n);
        providers = new address[](n);
        statuses = new ProviderStatus[](n);
        for (uint256 i = 0; i < n; ++i) {
            (trusted[i], providers[i], statuses[i]) = verify(nodeIds[i], serviceId);
        }
    }

    // ---------------------------------------------------------------- listing views

    function getProvider(address account)
        external
        view
        returns (
            ProviderStatus status,
            uint64 appliedAt,
            uint64 updatedAt,
            string memory name,
            string memory metadataURI
        )
    {
        ProviderState memory state = _providerState[account];
        ProviderInfo storage info = _providerInfo[account];
        return (state.status, state.appliedAt, state.updatedAt, info.name, info.metadataURI);
    }

    function providerCount() external view returns (uint256) {
        return _providers.length;
    }

    /// @notice A page of provider addresses in order of first application.
    function listProviders(uint256 offset, uint256 limit) external view returns (address[] memory page) {
        uint256 total = _providers.length;
        uint256 end = offset >= total ? offset : (limit > total - offset ? total : offset + limit);
        page = new address[](end - offset);
        for (uint256 i = offset; i < end; ++i) {
            page[i - offset] = _providers[i];
        }
    }

    function curators() external view returns (address[] memory) {
        return _curators;
    }

    /// @notice A node's provider (zero if none), the services it is registered for and the nonce its
    /// next proof of possession must sign.
    function getNode(bytes32 nodeId)
        external
        view
        returns (address nodeProvider, bytes32[] memory services, uint32 nonce)
    {
        uint256 slot = _nodes[nodeId];
        nodeProvider = _holderOf(slot);
        nonce = _nonceOf(slot);
        uint256 flags = (slot & SERVICES_MASK) >> SERVICES_SHIFT;
        uint256 count;
        for (uint256 f = flags; f != 0; f &= f - 1) {
            ++count;
        }
        services = new bytes32[](count);
        uint256 j;
        for (uint256 i = 0; i < _serviceIds.length; ++i) {
            if (flags & (uint256(1) << i) != 0) services[j++] = _serviceIds[i];
        }
    }

    function serviceIds() external view returns (bytes32[] memory) {
        return _serviceIds;
    }

    function serviceName(bytes32 serviceId) external view returns (string memory) {
        if (_serviceBit[serviceId] == 0) revert UnknownService(serviceId);
        return _serviceName[serviceId];
    }

    /// @notice The one mapping from a service name to its id, used by discovery too.
    function serviceIdOf(string calldata name) external pure returns (bytes32) {
        return keccak256(bytes(name));
    }

    // ---------------------------------------------------------------- EIP-712

    function domainSeparator() public view returns (bytes32) {
        // Recomputed after a chain split so a signature for one chain never works on the other.
        return block.chainid == _cachedChainId ? _cachedDomainSeparator : _buildDomainSeparator();
    }

    /// @notice The digest a node key signs to let `provider` register it for `serviceId`.
    function nodeRegistrationDigest(
        bytes32 nodeId,
        address nodeProvider,
        bytes32 serviceId,
        uint32 nonce,
        uint64 expiry
    ) public view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(NODE_REGISTRATION_TYPEHASH, nodeId, nodeProvider, serviceId, nonce, expiry)
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    // ---------------------------------------------------------------- internals

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    function _recover(bytes32 digest, bytes32 r, bytes32 vs) private pure returns (address signer) {
        uint256 s = uint256(vs) & ~(uint256(1) << 255);
        // The recovery bit is a single bit, so the narrowing is exact.
        // forge-lint: disable-next-line(unsafe-typecast)
        uint8 v = uint8(uint256(vs) >> 255) + 27;
        if (s > HALF_ORDER) revert InvalidSignature();
        signer = ecrecover(digest, v, r, bytes32(s));
        if (signer == address(0)) revert InvalidSignature();
    }

    function _nodeIdOf(bytes32 x, bytes32 y) private pure returns (bytes32 nodeId) {
        assembly ("memory-safe") {
            mstore(0x00, x)
            mstore(0x20, y)
            nodeId := keccak256(0x00, 0x40)
        }
    }

    function _checkCanRegister() private view {
        ProviderStatus status = _providerState[msg.sender].status;
        // Pending providers may prepare their nodes; they verify only once approved.
        if (status != ProviderStatus.Approved && status != ProviderStatus.Pending) {
            revert WrongProviderStatus(msg.sender, status);
        }
    }

    function _register(NodeRegistration memory reg) private {
        // Expiries are minutes to hours ahead; a validator's few seconds of drift do not matter.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp > reg.expiry) revert SignatureExpired(reg.expiry, block.timestamp);
        bytes32 nodeId = _nodeIdOf(reg.publicKeyX, reg.publicKeyY);
        uint256 slot = _nodes[nodeId];
        uint256 serviceFlag = _freeServiceFlag(nodeId, slot, reg.serviceId);
        uint32 nonce = _nonceOf(slot);
        bytes32 digest = nodeRegistrationDigest(nodeId, msg.sender, reg.serviceId, nonce, reg.expiry);
        address signer = _recover(digest, reg.r, reg.vs);
        // A v4 node id and the signer's address both hash the same public key.
        if (signer != address(uint160(uint256(nodeId)))) revert WrongNodeSigner(nodeId, signer);
        unchecked {
            _nodes[nodeId] = uint256(uint160(msg.sender)) | (slot & SERVICES_MASK) | serviceFlag
                | (uint256(nonce + 1) << NONCE_SHIFT);
        }
        emit NodeRegistered(msg.sender, nodeId, reg.serviceId);
    }

    /// The node's bit for `serviceId`, after checking the service exists and the node is free for it.
    function _freeServiceFlag(bytes32 nodeId, uint256 slot, bytes32 serviceId) private view returns (uint256 flag) {
        uint256 bit = _serviceBit[serviceId];
        if (bit == 0) revert UnknownService(serviceId);
        address holder = _holderOf(slot);
        if (holder != address(0) && holder != msg.sender) revert NodeHeldByOtherProvider(nodeId, holder);
        flag = uint256(1) << (SERVICES_SHIFT + bit - 1);
        if (slot & flag != 0) revert NodeAlreadyRegistered(nodeId, serviceId);
    }

    // The two unpackers below truncate on purpose: they cut one field out of a packed node slot.
    function _holderOf(uint256 slot) private pure returns (address) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return address(uint160(slot));
    }

    function _nonceOf(uint256 slot) private pure returns (uint32) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint32(slot >> NONCE_SHIFT);
    }

    function _addService(string memory name) private returns (bytes32 serviceId) {
        uint256 length = bytes(name).length;
        if (length == 0 || length > MAX_NAME_BYTES) revert InvalidName(length);
        serviceId = keccak256(bytes(name));
        if (_serviceBit[serviceId] != 0) revert ServiceExists(serviceId);
        uint256 count = _serviceIds.length;
        if (count == MAX_SERVICES) revert TooManyServices(MAX_SERVICES);
        _serviceIds.push(serviceId);
        _serviceBit[serviceId] = count + 1;
        _serviceName[serviceId] = name;
        // count < MAX_SERVICES (64) was checked above.
        // forge-lint: disable-next-line(unsafe-typecast)
        emit ServiceAdded(serviceId, name, uint8(count), msg.sender);
    }

    function _apply(address account, string memory name, string memory metadataURI) private {
        ProviderState storage state = _providerState[account];
        if (state.status == ProviderStatus.None) _providers.push(account); // first application only
        _setInfo(account, name, metadataURI);
        state.status = ProviderStatus.Pending;
        state.appliedAt = uint64(block.timestamp);
        state.updatedAt = uint64(block.timestamp);
        emit ProviderApplied(account, name, metadataURI);
    }

    function _setInfo(address account, string memory name, string memory metadataURI) private {
        uint256 nameLength = bytes(name).length;
        if (nameLength == 0 || nameLength > MAX_NAME_BYTES) revert InvalidName(nameLength);
        _checkLength(bytes(metadataURI).length, MAX_URI_BYTES);
        ProviderInfo storage info = _providerInfo[account];
        info.name = name;
        info.metadataURI = metadataURI;
    }

    function _transition(address account, ProviderStatus from, ProviderStatus to) private {
        ProviderState storage state = _providerState[account];
        if (state.status != from) revert WrongProviderStatus(account, state.status);
        state.status = to;
        state.updatedAt = uint64(block.timestamp);
    }

    function _isActive(ProviderStatus status) private pure returns (bool) {
        return
            status == ProviderStatus.Pending || status == ProviderStatus.Approved || status == ProviderStatus.Suspended;
    }

    function _checkLength(uint256 length, uint256 max) private pure {
        if (length > max) revert TextTooLong(length, max);
    }
}
